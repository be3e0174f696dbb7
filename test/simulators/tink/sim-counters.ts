import { emptyChaosCounters, type ChaosCounters } from '../shared';
import type { SimRoute } from './sim-routes.types';

export interface TinkSimulatorCounters {
  /** API requests received (control requests excluded), whatever the outcome. */
  requests: number;
  byRoute: Partial<Record<SimRoute | 'unknown', number>>;
  byStatus: Record<string, number>;
  /** Every 429 sent: app-wide budget rejections plus injected ones. */
  rateLimited: number;
  budgetRejections: number;
  faultsApplied: number;
  refreshesAccepted: number;
  /** Refreshes answered 204 that silently did nothing. */
  refreshesRateLimited: number;
  /** Refreshes rejected because one was already running. */
  refreshesConflicting: number;
  clientTokensIssued: number;
  userTokensIssued: number;
  /** Most requests admitted within any sliding second (for "never exceeds the budget"). */
  peakRequestsPerSecond: number;
  /** What the fault layer's switches did. */
  chaos: ChaosCounters;
}

export function emptyCounters(): TinkSimulatorCounters {
  return {
    requests: 0,
    byRoute: {},
    byStatus: {},
    rateLimited: 0,
    budgetRejections: 0,
    faultsApplied: 0,
    refreshesAccepted: 0,
    refreshesRateLimited: 0,
    refreshesConflicting: 0,
    clientTokensIssued: 0,
    userTokensIssued: 0,
    peakRequestsPerSecond: 0,
    chaos: emptyChaosCounters(),
  };
}

export function increment<K extends string>(map: Partial<Record<K, number>>, key: K): void {
  map[key] = (map[key] ?? 0) + 1;
}
