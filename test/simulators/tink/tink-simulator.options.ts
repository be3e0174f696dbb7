import type { ChaosSwitches, RateLimitOptions } from '../shared';
import type { SimClientApp, TokenLifetimes } from './sim-auth';
import type { RefreshEngineOptions } from './sim-credential-refresh';
import type { SeedOptions } from './sim-seed';

export const ALL_SCOPES: readonly string[] = [
  'authorization:grant',
  'authorization:read',
  'user:create',
  'user:read',
  'accounts:read',
  'balances:read',
  'transactions:read',
  'credentials:read',
  'credentials:refresh',
  'credentials:write',
  'provider-consents:read',
  'providers:read',
];

export const DEFAULT_SIM_CLIENT: SimClientApp = {
  clientId: 'sim-client-id',
  clientSecret: 'sim-client-secret',
  scopes: ALL_SCOPES,
};

export type { RateLimitOptions };

export interface TinkSimulatorOptions {
  /** Default: one app, `DEFAULT_SIM_CLIENT`. */
  readonly clients?: readonly SimClientApp[];
  /** Base time source; the control object can move the simulated clock forward from it. */
  readonly now?: () => number;
  /** Added to every API response. */
  readonly latencyMs?: number;
  /**
   * App-wide budget; `null`/absent = unlimited. Budget 429s carry `Retry-After` unless
   * `retryAfterHeader: false` (Tink documents none) or `chaos.bareRateLimit`.
   */
  readonly rateLimit?: RateLimitOptions | null;
  /** The shared fault layer's switches (bare 429s, cut-off and slow bodies, resets, 5xx). */
  readonly chaos?: ChaosSwitches;
  /** Seed of the chaos dice (default 1): the same run hits the same requests. */
  readonly chaosSeed?: number;
  /** Defaults: client token 1800 s, user token 7200 s, authorization code 600 s. */
  readonly tokenLifetimes?: Partial<TokenLifetimes>;
  /** Defaults: 200 ms per step, no quota, 90-day consent, book due pending rows on refresh. */
  readonly refresh?: Partial<RefreshEngineOptions>;
  /** Bulk data generated at start. */
  readonly seed?: SeedOptions;
  /** Seed of the id generator (deterministic ids). */
  readonly idSeed?: number;
  /** Add undocumented fields to responses (default true). */
  readonly unknownFields?: boolean;
}
