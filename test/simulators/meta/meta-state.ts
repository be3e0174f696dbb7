import type { FakeClock, FixedWindowQuota, MetricCatalog, TokenLedger } from '../shared';
import type { MetaStore } from './meta-store';

export interface MetaLimits {
  /** Calls per hour by user tokens, app-wide (the platform limit behind `X-App-Usage`). */
  appCallsPerHour: number;
  /** Calls per hour per page token's page (the BUC limit behind `X-Business-Use-Case-Usage`). */
  businessCallsPerHour: number;
  /** Usage headers appear from this call of the hour on (Meta sends them "once enough calls"). */
  usageHeadersFromCall: number;
  /** The code a spent BUC budget answers for Pages: 32, or 80001 as some report. */
  pageThrottleCode: 32 | 80001;
}

export interface MetaSettings {
  /** A cursor page is first answered empty, with `next` still set (Graph documents this). */
  emptyPagesBetween: boolean;
}

export interface MetaCounters {
  throttled: number;
  insightsCalls: number;
  invalidMetricErrors: number;
  tokenExchanges: number;
}

/** Everything the Graph routes and their gate share. */
export interface MetaState {
  readonly store: MetaStore;
  readonly tokens: TokenLedger;
  readonly clock: FakeClock;
  readonly pageMetrics: MetricCatalog;
  readonly mediaMetrics: MetricCatalog;
  readonly hourlyCalls: FixedWindowQuota;
  readonly limits: MetaLimits;
  readonly settings: MetaSettings;
  readonly activeVersions: Set<string>;
  readonly counters: MetaCounters;
  /** Throttle codes the next calls answer, one per call, whatever the usage. */
  readonly forcedThrottles: number[];
  readonly app: { readonly clientId: string; readonly clientSecret: string };
}
