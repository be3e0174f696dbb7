import type { ChaosSwitches, RateLimitOptions } from '../shared';
import type { ApiBucket, BucketLimit } from './sim-api-limits';
import type { AccountSeed, BulkSeed } from './sim-seed';
import type { CompanySecret, TokenLifetimes } from './sim-tokens';

export const DEFAULT_SECRET: CompanySecret = {
  secretId: 'sim-secret-id',
  secretKey: 'sim-secret-key',
};

export interface GoCardlessSimulatorOptions {
  /** Default: one company, `DEFAULT_SECRET`. */
  readonly secrets?: readonly CompanySecret[];
  /** Base time source; the clock control sets or moves simulated time from it. */
  readonly now?: () => number;
  /** Added to every API response (the bench uses 50). */
  readonly latencyMs?: number;
  /** Defaults: access 86400 s, refresh 2592000 s. */
  readonly tokenLifetimes?: Partial<TokenLifetimes>;
  /** Company-wide limits per bucket (§1.6); e.g. `{ 'token-new': { limit: 3, periodSeconds: 3600 } }`. */
  readonly apiLimits?: Partial<Record<ApiBucket, BucketLimit>>;
  /** Successful calls per scope per account in any rolling 24 h (default 4). */
  readonly accountSuccessLimit?: number;
  /** Body of a spent per-account limit (default `rate-limit-exceeded`: "… 4/day …"). */
  readonly accountLimitBody?: 'rate-limit-exceeded' | 'institution';
  /** Status of the EUA-expired answer (default 400; some reports show 401). */
  readonly euaExpiredStatus?: 400 | 401;
  /** Consecutive counted failures that suspend an account (default 10). */
  readonly suspendAfterFailures?: number;
  /** A `date_from` before the bank's history: 400 DateRangeError (default) or clipped. */
  readonly beyondBankHistory?: 'reject' | 'clip';
  /** Accounts a requisition gets when its link walk reaches LN (default one, 10 booked, 2 pending). */
  readonly linkAccounts?: readonly AccountSeed[];
  /** Bulk data generated at start, e.g. `{ accounts: 1_000 }` for the bench. */
  readonly bulk?: BulkSeed;
  /** The shared fault layer: app-wide per-second budget (off by default) and chaos switches. */
  readonly rateLimit?: RateLimitOptions | null;
  readonly chaos?: ChaosSwitches;
  /** Seed of the chaos dice (default 1). */
  readonly chaosSeed?: number;
  /** Seed of ids and generated data (default 7). */
  readonly dataSeed?: number;
  /** Add a field the docs do not list to booked transactions (default true). */
  readonly unknownFields?: boolean;
}
