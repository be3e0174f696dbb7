import { emptyChaosCounters, type ChaosCounters } from '../shared';
import type { DataScope } from './sim-types';
import type { SimRoute } from './sim-routes.types';

export interface GoCardlessSimulatorCounters {
  /** API requests received (control and link-page requests excluded), whatever the outcome. */
  requests: number;
  /** Calls per endpoint, e.g. `byRoute['token.new']`. */
  byRoute: Partial<Record<SimRoute | 'unknown', number>>;
  byStatus: Record<string, number>;
  tokensIssued: number;
  /** Every 429 served, and by cause (`bank`: an injected RateLimitError). */
  rateLimited: {
    total: number;
    api: number;
    accountSuccess: number;
    bank: number;
    faultLayer: number;
  };
  /** Successful data calls per account and scope (all time, not the rolling window). */
  accountSuccesses: Record<string, Partial<Record<DataScope, number>>>;
  linkOpens: number;
  /** Calls answered by `failRoute` faults. */
  routeFaults: number;
  /** What the shared fault layer's switches did. */
  chaos: ChaosCounters;
}

export function emptyCounters(): GoCardlessSimulatorCounters {
  return {
    requests: 0,
    byRoute: {},
    byStatus: {},
    tokensIssued: 0,
    rateLimited: { total: 0, api: 0, accountSuccess: 0, bank: 0, faultLayer: 0 },
    accountSuccesses: {},
    linkOpens: 0,
    routeFaults: 0,
    chaos: emptyChaosCounters(),
  };
}

export function increment<K extends string>(map: Partial<Record<K, number>>, key: K): void {
  map[key] = (map[key] ?? 0) + 1;
}
