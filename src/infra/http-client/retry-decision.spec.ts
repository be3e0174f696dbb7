import {
  HttpErrorContext,
  MalformedResponseError,
  NetworkError,
  RateLimitedHttpError,
  RequestCancelledError,
  ServerError,
  TerminalHttpError,
} from './http-client.errors';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry-decision';

const context: HttpErrorContext = { provider: 'acme', method: 'GET', url: '/x', attempts: 1 };
const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, maxRetryAfterMs: 10_000 };

describe('decideRetry', () => {
  it.each([
    ['a 5xx', new ServerError('boom', context)],
    ['a network error', new NetworkError('reset', context)],
    ['an unusable body', new MalformedResponseError('cut off', context)],
  ])('retries %s of an idempotent call within the attempts', (_label, error) => {
    expect(decideRetry({ error, attempt: 1, idempotent: true }, policy)).toEqual({
      retry: true,
      serverDelayMs: undefined,
    });
    expect(decideRetry({ error, attempt: 3, idempotent: true }, policy)).toEqual({ retry: false });
    expect(decideRetry({ error, attempt: 1, idempotent: false }, policy)).toEqual({
      retry: false,
    });
  });

  it('retries a 429 even when the call is not idempotent, waiting what the server asked', () => {
    const error = new RateLimitedHttpError('slow down', context, { retryAfterMs: 2_000 });
    expect(
      decideRetry({ error, attempt: 1, idempotent: false, retryAfterMs: 2_000 }, policy),
    ).toEqual({ retry: true, serverDelayMs: 2_000 });
    expect(
      decideRetry({ error, attempt: 1, idempotent: false, retryAfterMs: 60_000 }, policy),
    ).toEqual({ retry: false });
  });

  it('caps the wait a 5xx asks for', () => {
    const error = new ServerError('busy', context);
    expect(
      decideRetry({ error, attempt: 1, idempotent: true, retryAfterMs: 60_000 }, policy),
    ).toEqual({ retry: true, serverDelayMs: 10_000 });
  });

  it('never retries a terminal failure or a cancelled call', () => {
    for (const error of [
      new TerminalHttpError('no', context),
      new RequestCancelledError('stop', context),
    ]) {
      expect(decideRetry({ error, attempt: 1, idempotent: true }, policy)).toEqual({
        retry: false,
      });
    }
  });
});
