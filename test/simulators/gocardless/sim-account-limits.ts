import type { DataScope } from './sim-types';

const WINDOW_MS = 86_400_000;

export interface AccountLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until the oldest counted success leaves the window; 0 when none counts. */
  readonly resetSeconds: number;
}

/**
 * The bank-derived limit: per account and scope, successful calls in a rolling 24 h window on the
 * simulated clock. Only successes are recorded; failures never use it.
 */
export class AccountSuccessLimiter {
  private readonly successes = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  state(accountId: string, scope: DataScope, limit: number): AccountLimitState {
    const times = this.inWindow(accountId, scope);
    const oldest = times[0];
    return {
      limit,
      remaining: Math.max(0, limit - times.length),
      resetSeconds:
        oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000)),
    };
  }

  recordSuccess(accountId: string, scope: DataScope): void {
    const key = `${accountId}/${scope}`;
    const times = this.successes.get(key) ?? [];
    times.push(this.now());
    this.successes.set(key, times);
  }

  private inWindow(accountId: string, scope: DataScope): number[] {
    const key = `${accountId}/${scope}`;
    const times = this.successes.get(key);
    if (!times) return [];
    const since = this.now() - WINDOW_MS;
    const kept = times.filter((time) => time > since);
    this.successes.set(key, kept);
    return kept;
  }
}
