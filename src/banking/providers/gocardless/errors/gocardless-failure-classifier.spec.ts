import {
  NeedsReauthHttpError,
  RateLimitedHttpError,
  RetryableHttpError,
  type HttpErrorContext,
} from '../../../../infra/http-client';
import { GOCARDLESS_OPERATIONS } from '../client/gocardless-operations';
import {
  GoCardlessAccountUnavailableError,
  GoCardlessAgreementRejectedError,
  GoCardlessConsentExpiredError,
  GoCardlessInvalidTokenError,
  GoCardlessRateLimitedError,
  GoCardlessSecretsRejectedError,
  rateHeadersOf,
} from './gocardless-api.errors';
import { classifyGoCardlessFailure } from './gocardless-failure-classifier';

const context = (
  operation: string = GOCARDLESS_OPERATIONS.accountTransactions,
): HttpErrorContext => ({
  provider: 'gocardless',
  operation,
  method: 'GET',
  url: 'https://example.test/api/v2/accounts/x/transactions/',
  attempts: 1,
});

const classify = (
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  operation?: string,
) =>
  classifyGoCardlessFailure(
    { status, headers, bodyText: JSON.stringify(body) },
    context(operation),
  );

const EUA_EXPIRED = {
  summary: 'End User Agreement (EUA) 1a2b has expired',
  detail: 'EUA was valid for 90 days and it expired at 2024-11-11 13:16:20.020248.',
};

describe('classifyGoCardlessFailure', () => {
  it.each([400, 401])(
    'reads an expired agreement as needs_reauth whether it comes as %i',
    (status) => {
      const error = classify(status, { ...EUA_EXPIRED, status_code: status });
      expect(error).toBeInstanceOf(GoCardlessConsentExpiredError);
      expect(error).toBeInstanceOf(NeedsReauthHttpError);
    },
  );

  it('reads a revoked access (401 AccessExpiredError) as needs_reauth', () => {
    const error = classify(401, {
      summary: "Couldn't update account transactions",
      detail: 'Access has expired or it has been revoked. To restore access reconnect the account.',
      type: 'AccessExpiredError',
    });
    expect(error).toBeInstanceOf(GoCardlessConsentExpiredError);
  });

  it('reads 401 "Invalid token" as a token to renew, not a consent', () => {
    expect(
      classify(401, { summary: 'Invalid token', detail: 'Token is invalid or expired' }),
    ).toBeInstanceOf(GoCardlessInvalidTokenError);
  });

  it('reads a refused secret pair on /token/new/ as configuration', () => {
    expect(
      classify(401, { summary: 'Authentication failed' }, {}, GOCARDLESS_OPERATIONS.newToken),
    ).toBeInstanceOf(GoCardlessSecretsRejectedError);
  });

  it('reads 409 "Account suspended" as an unusable account', () => {
    expect(
      classify(409, { summary: 'Account suspended', detail: 'This account …' }),
    ).toBeInstanceOf(GoCardlessAccountUnavailableError);
  });

  it('reads a spent account limit as rate limited until the reset the answer gives, headers kept', () => {
    const headers = {
      http_x_ratelimit_account_success_limit: '4',
      http_x_ratelimit_account_success_remaining: '0',
      http_x_ratelimit_account_success_reset: '300',
    };
    const error = classify(
      429,
      {
        summary: "Couldn't update account transactions",
        detail: 'Daily request limit set by the Institution has been exceeded.',
        type: 'RateLimitError',
      },
      headers,
    ) as GoCardlessRateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedHttpError);
    expect(error.limit).toBe('account');
    expect(error.retryAfterMs).toBe(300_000);
    expect(rateHeadersOf(error)?.accountSuccess).toEqual({
      limit: 4,
      remaining: 0,
      resetSeconds: 300,
    });
  });

  it('takes the wait from a "try again in N seconds" detail', () => {
    const error = classify(429, {
      summary: 'Rate limit exceeded',
      detail: 'The rate limit for this resource is 100/minute. Please try again in 12 seconds',
    }) as GoCardlessRateLimitedError;
    expect(error.limit).toBe('api');
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('reads 500 and 503 as temporary', () => {
    expect(classify(500, { summary: 'x', type: 'UnknownRequestError' })).toBeInstanceOf(
      RetryableHttpError,
    );
    expect(classify(503, { summary: 'x' })).toBeInstanceOf(RetryableHttpError);
  });

  it('reads a 400 on an agreement as the bank refusing the days', () => {
    expect(
      classify(
        400,
        {
          max_historical_days: {
            summary: 'Incorrect max_historical_days',
            detail: 'must be <= 90',
          },
        },
        {},
        GOCARDLESS_OPERATIONS.createAgreement,
      ),
    ).toBeInstanceOf(GoCardlessAgreementRejectedError);
  });
});
