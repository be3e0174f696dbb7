/** GoCardless' company-wide limits (§1.6), one bucket per group of endpoints. */
export const API_BUCKETS = [
  'accounts',
  'institutions',
  'consent-create',
  'consent-read',
  'agreement-accept',
  'consent-delete',
  'token-new',
  'token-refresh',
] as const;
export type ApiBucket = (typeof API_BUCKETS)[number];

export interface BucketLimit {
  readonly limit: number;
  readonly periodSeconds: number;
}

export const DEFAULT_API_LIMITS: Readonly<Record<ApiBucket, BucketLimit>> = {
  accounts: { limit: 100, periodSeconds: 60 },
  institutions: { limit: 300, periodSeconds: 60 },
  'consent-create': { limit: 100, periodSeconds: 60 },
  'consent-read': { limit: 300, periodSeconds: 60 },
  'agreement-accept': { limit: 100, periodSeconds: 60 },
  'consent-delete': { limit: 100, periodSeconds: 60 },
  'token-new': { limit: 100, periodSeconds: 3600 },
  'token-refresh': { limit: 100, periodSeconds: 60 },
};

export interface ApiLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until the window starts again. */
  readonly resetSeconds: number;
  readonly periodSeconds: number;
}

interface Window {
  startMs: number;
  used: number;
}

/**
 * Fixed windows on the simulated clock (a reset of "1 s" with 92 of 100 left, as seen on the wire,
 * is a fixed window). Every admitted call uses the budget, failed or not; a 429 does not.
 */
export class ApiRateLimiter {
  private readonly limits: Record<ApiBucket, BucketLimit>;
  private readonly windows = new Map<ApiBucket, Window>();

  constructor(
    limits: Partial<Record<ApiBucket, BucketLimit>>,
    private readonly now: () => number,
  ) {
    this.limits = { ...DEFAULT_API_LIMITS, ...limits };
  }

  setLimit(bucket: ApiBucket, limit: BucketLimit): void {
    this.limits[bucket] = limit;
    this.windows.delete(bucket);
  }

  limitOf(bucket: ApiBucket): BucketLimit {
    return this.limits[bucket];
  }

  take(bucket: ApiBucket): { admitted: boolean; state: ApiLimitState } {
    const window = this.currentWindow(bucket);
    const admitted = window.used < this.limits[bucket].limit;
    if (admitted) window.used += 1;
    return { admitted, state: this.state(bucket, window) };
  }

  peek(bucket: ApiBucket): ApiLimitState {
    return this.state(bucket, this.currentWindow(bucket));
  }

  private currentWindow(bucket: ApiBucket): Window {
    const periodMs = this.limits[bucket].periodSeconds * 1000;
    const startMs = Math.floor(this.now() / periodMs) * periodMs;
    const window = this.windows.get(bucket);
    if (window && window.startMs === startMs) return window;
    const fresh = { startMs, used: 0 };
    this.windows.set(bucket, fresh);
    return fresh;
  }

  private state(bucket: ApiBucket, window: Window): ApiLimitState {
    const { limit, periodSeconds } = this.limits[bucket];
    const endMs = window.startMs + periodSeconds * 1000;
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      resetSeconds: Math.max(1, Math.ceil((endMs - this.now()) / 1000)),
      periodSeconds,
    };
  }
}

/** `100/minute`, `4/day`: the period as the 429 detail names it. */
export function periodName(seconds: number): string {
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds === 86_400) return 'day';
  return `${seconds} seconds`;
}
