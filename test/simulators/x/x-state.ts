import type { FakeClock, FixedWindowQuota, MetricCatalog, TokenLedger } from '../shared';
import type { XStore } from './x-store';

export interface XLimits {
  /** Calls to `/2/users/:id/tweets` per 15 minutes per user token (X: 900). */
  perUserWindow: number;
  /** The same per app-only bearer token (X: 10,000). */
  perAppWindow: number;
  /** Every call is answered with the monthly usage-cap 429. */
  usageCapped: boolean;
}

export interface XCounters {
  /** Billable resources returned: one per post ("Owned Reads" at $0.001 each). */
  reads: number;
  readsByUser: Record<string, number>;
  rateLimited: number;
  tokenRefreshes: number;
}

export interface XSettings {
  /** What `public_metrics` calls reposts: the docs' name or the 2026 OpenAPI spec's. */
  repostMetricName: 'retweet_count' | 'repost_count';
  /** Private metrics are served for posts younger than this many days (X: 30). */
  privateMetricsDays: number;
}

/** Everything the X routes and their gate share. */
export interface XState {
  readonly store: XStore;
  readonly tokens: TokenLedger;
  readonly clock: FakeClock;
  /** Values `tweet.fields` accepts; retiring one makes X refuse it. */
  readonly fields: MetricCatalog;
  readonly window: FixedWindowQuota;
  readonly limits: XLimits;
  readonly settings: XSettings;
  readonly counters: XCounters;
  readonly app: { readonly clientId: string; readonly bearerToken: string };
}
