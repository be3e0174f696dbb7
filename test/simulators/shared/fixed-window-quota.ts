export interface QuotaTake {
  readonly allowed: boolean;
  /** Calls counted in the current window, this one included when allowed. */
  readonly used: number;
  /** When the current window ends (epoch ms). */
  readonly resetAt: number;
}

/**
 * Calls per key in fixed windows aligned to the epoch on the simulator's clock: a day window ends
 * at midnight UTC (LinkedIn), an hour or 15 minutes on the hour or quarter (Meta, X). A refused
 * call does not count.
 */
export class FixedWindowQuota {
  private readonly used = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string, limit: number | null): QuotaTake {
    const window = Math.floor(this.now() / this.windowMs);
    const resetAt = (window + 1) * this.windowMs;
    const entry = this.used.get(key);
    const count = entry?.window === window ? entry.count : 0;
    if (limit !== null && count >= limit) return { allowed: false, used: count, resetAt };
    this.used.set(key, { window, count: count + 1 });
    return { allowed: true, used: count + 1, resetAt };
  }

  /** Calls counted for the key in the current window. */
  usedIn(key: string): number {
    const entry = this.used.get(key);
    return entry?.window === Math.floor(this.now() / this.windowMs) ? entry.count : 0;
  }

  clear(): void {
    this.used.clear();
  }
}
