import type { AccountAccess } from './sim-account-access';
import type { AccountSuccessLimiter } from './sim-account-limits';
import type { ApiBucket } from './sim-api-limits';
import type { SimClock } from './sim-clock';
import type { GoCardlessSimulatorCounters } from './sim-counters';
import type { DataScope } from './sim-types';
import type { SimRequest, SimResult } from './sim-http';
import type { LinkFlow } from './sim-link-flow';
import type { SimRoute } from './sim-routes.types';
import type { SimSeeder } from './sim-seed';
import type { SimStore } from './sim-store';
import type { SimTokens } from './sim-tokens';

/** Settings the control API may change while the simulator runs. */
export interface SimSettings {
  latencyMs: number;
  euaExpiredStatus: 400 | 401;
  suspendAfterFailures: number;
  defaultSuccessLimit: number;
  /** Body of the per-account 429: "Rate limit exceeded … 4/day" or the bank's RateLimitError. */
  accountLimitBody: 'rate-limit-exceeded' | 'institution';
  beyondBankHistory: 'reject' | 'clip';
  unknownFields: boolean;
  /** Every API call answers 403 IpAccessDenied (the company's IP allow-list excludes us). */
  ipDenied: boolean;
}

export interface SimState {
  readonly store: SimStore;
  readonly clock: SimClock;
  readonly tokens: SimTokens;
  readonly accountLimits: AccountSuccessLimiter;
  readonly access: AccountAccess;
  readonly seeder: SimSeeder;
  readonly link: LinkFlow;
  readonly counters: GoCardlessSimulatorCounters;
  readonly settings: SimSettings;
  /** `http://127.0.0.1:<port>` once listening. */
  readonly baseUrl: () => string;
  /** Numbers `every-fetch` transaction ids. */
  fetchNumber: number;
}

export interface RouteContext {
  readonly request: SimRequest;
  readonly params: readonly string[];
  readonly state: SimState;
}

export interface RouteDefinition {
  readonly name: SimRoute;
  readonly method: string;
  readonly pattern: RegExp;
  readonly bucket: ApiBucket;
  /** Needs `Authorization: Bearer <access>`. */
  readonly auth: boolean;
  /** Account data routes: the per-account, per-scope limit applies. */
  readonly scope?: DataScope;
  handle(context: RouteContext): SimResult;
}
