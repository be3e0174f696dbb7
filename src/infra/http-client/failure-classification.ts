import {
  HttpClientError,
  HttpErrorContext,
  NeedsReauthHttpError,
  RateLimitedHttpError,
  RetryableHttpError,
  ServerError,
  TerminalHttpError,
} from './http-client.errors';
import type { ResponseHeaders } from './http-client.types';

/** A non-2xx response, as seen by a classifier. */
export interface FailedResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly bodyText: string;
  /** Parsed `Retry-After`, if the server sent a valid one. */
  readonly retryAfterMs?: number;
}

/**
 * Provider hook: return a (usually provider-specific) error for responses the provider documents
 * differently, or `undefined` to fall back to `classifyByStatus`. The error's class decides what
 * the client does next: `RateLimitedHttpError` waits, `retryable` is retried when safe, the rest
 * are thrown at once.
 */
export type FailureClassifier = (
  response: FailedResponse,
  context: HttpErrorContext,
) => HttpClientError | undefined;

export function classifyByStatus(
  response: FailedResponse,
  context: HttpErrorContext,
): HttpClientError {
  const { status } = response;
  if (status === 401) {
    return new NeedsReauthHttpError('unauthorized', context, { code: 'unauthorized' });
  }
  if (status === 403) {
    return new TerminalHttpError('forbidden', context, { code: 'forbidden' });
  }
  if (status === 408) {
    return new RetryableHttpError('request timeout', context, { code: 'request_timeout' });
  }
  if (status === 429) {
    return new RateLimitedHttpError('rate limited', context, {
      retryAfterMs: response.retryAfterMs,
    });
  }
  if (status >= 500 && status <= 599) {
    return new ServerError('server error', context);
  }
  if (status >= 400 && status <= 499) {
    return new TerminalHttpError('request rejected', context, { code: 'client_error' });
  }
  return new TerminalHttpError('unexpected status', context, { code: 'unexpected_status' });
}
