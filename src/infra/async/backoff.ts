/** The factor the nominal delay is multiplied by is drawn uniformly from [min, max]. */
export interface JitterRange {
  readonly min: number;
  readonly max: number;
}

/**
 * "Equal jitter": half the delay is fixed, half random, so clients that failed together spread
 * out while every retry still waits at least half the nominal delay.
 */
export const EQUAL_JITTER: JitterRange = { min: 0.5, max: 1 };

/** The nominal delay exactly: for schedules that must be predictable (a connection's cool-off). */
export const NO_JITTER: JitterRange = { min: 1, max: 1 };

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay, jitter included. */
  readonly maxDelayMs: number;
  /** Defaults to EQUAL_JITTER. */
  readonly jitter?: JitterRange;
}

// Beyond this exponent the delay is far past any cap, and 2 ** n would overflow to Infinity
// (a zero base times Infinity is NaN).
const MAX_DOUBLINGS = 52;

/**
 * Exponential backoff with jitter, in whole milliseconds: the nominal delay doubles with each
 * retry up to `maxDelayMs`, is multiplied by a jitter factor and kept within [0, maxDelayMs].
 * `retryNumber` is 1 for the first retry (smaller numbers count as the first). `random` returns a
 * value in [0, 1).
 */
export function backoffDelayMs(
  retryNumber: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const doublings = Math.min(Math.max(0, retryNumber - 1), MAX_DOUBLINGS);
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
  const { min, max } = policy.jitter ?? EQUAL_JITTER;
  const spread = nominal * (max - min);
  const jittered = Math.round(nominal * min + random() * spread);
  return Math.min(Math.max(jittered, 0), Math.round(policy.maxDelayMs));
}
