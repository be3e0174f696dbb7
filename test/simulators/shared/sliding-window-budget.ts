import { performance } from 'node:perf_hooks';

export type BudgetDecision =
  { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/**
 * The app-wide request budget: at most N admitted requests in any sliding one-second window
 * (the strictest reading of "requests per second"). Rejected requests do not use budget.
 * Uses a monotonic clock: moving the simulated clock does not refill it.
 */
export class SlidingWindowBudget {
  private admittedAt: number[] = [];
  private head = 0;
  private peak = 0;

  constructor(
    private limitPerSecond: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A new limit starts with an empty window. */
  setLimit(limitPerSecond: number | null): void {
    this.limitPerSecond = limitPerSecond;
    this.admittedAt = [];
    this.head = 0;
  }

  get limit(): number | null {
    return this.limitPerSecond;
  }

  /** Most requests admitted within one sliding second so far. */
  get peakPerSecond(): number {
    return this.peak;
  }

  resetPeak(): void {
    this.peak = 0;
  }

  tryAdmit(): BudgetDecision {
    const now = this.now();
    while (this.head < this.admittedAt.length && this.admittedAt[this.head] <= now - 1000) {
      this.head += 1;
    }
    if (this.head > 4096) {
      this.admittedAt = this.admittedAt.slice(this.head);
      this.head = 0;
    }
    const inWindow = this.admittedAt.length - this.head;
    if (this.limitPerSecond !== null && inWindow >= this.limitPerSecond) {
      const oldest = this.admittedAt[this.admittedAt.length - this.limitPerSecond];
      return { admitted: false, retryAfterMs: Math.max(1, oldest + 1000 - now) };
    }
    this.admittedAt.push(now);
    this.peak = Math.max(this.peak, inWindow + 1);
    return { admitted: true };
  }
}
