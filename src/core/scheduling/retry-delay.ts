import { backoffDelayMs } from '../../infra/async/backoff';

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

function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * When a failed run's next attempt is due: exponential backoff from the task's
 * `retry_delay_seconds`, ±20% jitter, capped at six hours. Attempt 1 (the first retry) waits
 * about `baseDelaySeconds`. The values come from stored task settings, so they are checked.
 */
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
  return backoffDelayMs(
    attempt,
    {
      baseDelayMs: baseDelaySeconds * 1000,
      maxDelayMs: capSeconds * 1000,
      jitter: { min: 1 - jitterRatio, max: 1 + jitterRatio },
    },
    random,
  );
}
