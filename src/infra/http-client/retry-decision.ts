import { BackoffPolicy } from '../async/backoff';
import { HttpClientError, RateLimitedHttpError, RequestCancelledError } from './http-client.errors';

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 10_000 };

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  /** A `Retry-After` longer than this is not waited for; the call fails with `rate_limited`. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  backoff: DEFAULT_BACKOFF,
  maxRetryAfterMs: 30_000,
};

export interface FailedAttempt {
  readonly error: HttpClientError;
  /** 1-based. */
  readonly attempt: number;
  /** Whether repeating the request is harmless (see `HttpRequest.idempotent`). */
  readonly idempotent: boolean;
  /** The answer's `Retry-After`, when it sent a valid one. */
  readonly retryAfterMs?: number;
}

export type RetryDecision =
  | { readonly retry: false }
  | {
      readonly retry: true;
      /** How long the server asked to wait; otherwise the policy's backoff applies. */
      readonly serverDelayMs?: number;
    };

const GIVE_UP: RetryDecision = { retry: false };

/**
 * Whether a failed attempt is tried again, within one budget of attempts for every kind of
 * failure: a 429 always (the server did not process the request) unless its `Retry-After` is too
 * long; a retryable failure (5xx, network error, timeout, unusable body) only when repeating the
 * request is harmless; anything else, and a cancelled call, never.
 */
export function decideRetry(failed: FailedAttempt, policy: RetryPolicy): RetryDecision {
  const { error, retryAfterMs } = failed;
  if (error instanceof RequestCancelledError || failed.attempt >= policy.maxAttempts) {
    return GIVE_UP;
  }
  if (error instanceof RateLimitedHttpError) {
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return GIVE_UP;
    return { retry: true, serverDelayMs: retryAfterMs };
  }
  if (error.classification !== 'retryable' || !failed.idempotent) return GIVE_UP;
  return {
    retry: true,
    serverDelayMs:
      retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, policy.maxRetryAfterMs),
  };
}
