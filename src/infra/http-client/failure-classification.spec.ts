import { classifyByStatus } from './failure-classification';
import { HttpErrorContext, RateLimitedHttpError } from './http-client.errors';

const context: HttpErrorContext = {
  provider: 'acme',
  method: 'GET',
  url: 'https://acme.test/x',
  attempts: 1,
};

describe('classifyByStatus', () => {
  it.each([
    [401, 'needs_reauth', 'unauthorized'],
    [403, 'terminal', 'forbidden'],
    [404, 'terminal', 'client_error'],
    [400, 'terminal', 'client_error'],
    [408, 'retryable', 'request_timeout'],
    [429, 'rate_limited', 'rate_limited'],
    [500, 'retryable', 'server_error'],
    [502, 'retryable', 'server_error'],
    [503, 'retryable', 'server_error'],
    [304, 'terminal', 'unexpected_status'],
  ])('%i → %s (%s)', (status, classification, code) => {
    const error = classifyByStatus({ status, headers: {}, bodyText: '' }, { ...context, status });
    expect(error.classification).toBe(classification);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('carries Retry-After on a rate-limited error', () => {
    const error = classifyByStatus(
      { status: 429, headers: {}, bodyText: '', retryAfterMs: 2_000 },
      context,
    );
    expect(error).toBeInstanceOf(RateLimitedHttpError);
    expect((error as RateLimitedHttpError).retryAfterMs).toBe(2_000);
  });

  it('writes a message naming provider, operation, method, url and status', () => {
    const error = classifyByStatus(
      { status: 503, headers: {}, bodyText: '' },
      { ...context, operation: 'list-things', status: 503, attempts: 3, bodyExcerpt: 'down' },
    );
    expect(error.message).toBe(
      'acme list-things: server error (GET https://acme.test/x → 503, 3 attempts): down',
    );
    expect(error.name).toBe('ServerError');
  });
});
