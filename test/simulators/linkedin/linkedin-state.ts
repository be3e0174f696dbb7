import type { FakeClock, FixedWindowQuota, MetricCatalog, TokenLedger } from '../shared';
import type { LinkedInStore } from './linkedin-store';

export interface LinkedInLimits {
  /** Calls per endpoint per day for the whole app; `null` = unlimited. */
  appPerDay: number | null;
  /** Calls per endpoint per day per member (token); `null` = unlimited. */
  memberPerDay: number | null;
  /** Share of calls (0–1) answered by an "infrastructure protection" 429 that clears by itself. */
  infrastructureThrottleRate: number;
}

export interface LinkedInCounters {
  /** 429s for a spent daily budget. */
  dailyThrottles: number;
  infrastructureThrottles: number;
  tokenRefreshes: number;
}

/** Everything the LinkedIn routes and their gate share. */
export interface LinkedInState {
  readonly store: LinkedInStore;
  readonly tokens: TokenLedger;
  readonly clock: FakeClock;
  readonly metrics: MetricCatalog;
  readonly dailyCalls: FixedWindowQuota;
  readonly limits: LinkedInLimits;
  readonly activeVersions: Set<string>;
  readonly counters: LinkedInCounters;
  readonly app: { readonly clientId: string; readonly clientSecret: string };
  readonly random: () => number;
}
