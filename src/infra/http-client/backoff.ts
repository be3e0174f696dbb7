export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay. */
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients that
 * failed together spread out while every retry still waits at least half the nominal delay.
 * `retryNumber` is 1 for the first retry. `random` returns a value in [0, 1).
 */
export function backoffDelayMs(
  retryNumber: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, retryNumber - 1);
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const half = nominal / 2;
  return Math.round(half + random() * half);
}
