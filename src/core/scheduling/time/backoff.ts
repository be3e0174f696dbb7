export interface RetryDelayOptions {
  /** Upper bound of the delay, jitter included. Defaults to 6 hours. */
  capSeconds?: number;
  /** The delay is multiplied by a factor drawn uniformly from [1 - ratio, 1 + ratio]. */
  jitterRatio?: number;
  /** Returns a number in [0, 1); injectable for tests. */
  random?: () => number;
}

const DEFAULT_CAP_SECONDS = 6 * 60 * 60;
const DEFAULT_JITTER_RATIO = 0.2;
// Beyond this exponent the delay is far past any cap, and 2 ** n would overflow to Infinity.
const MAX_DOUBLINGS = 52;

function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Exponential backoff with jitter: attempt 1 (the first retry) waits about `baseDelaySeconds`. */
export function retryDelayMs(
  attempt: number,
  baseDelaySeconds: number,
  options: RetryDelayOptions = {},
): number {
  const {
    capSeconds = DEFAULT_CAP_SECONDS,
    jitterRatio = DEFAULT_JITTER_RATIO,
    random = Math.random,
  } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  }
  assertNonNegative(baseDelaySeconds, 'baseDelaySeconds');
  assertNonNegative(capSeconds, 'capSeconds');
  if (!(jitterRatio >= 0 && jitterRatio <= 1)) {
    throw new RangeError(`jitterRatio must be between 0 and 1, got ${jitterRatio}`);
  }
  const doublings = Math.min(attempt - 1, MAX_DOUBLINGS);
  const delaySeconds = Math.min(capSeconds, baseDelaySeconds * 2 ** doublings);
  const jitterFactor = 1 - jitterRatio + 2 * jitterRatio * random();
  const jitteredMs = Math.round(delaySeconds * jitterFactor * 1000);
  return Math.min(Math.max(jitteredMs, 0), Math.round(capSeconds * 1000));
}
