import { readGoCardlessRateHeaders, retryAfterFromDetail } from './gocardless-rate-headers';

describe('readGoCardlessRateHeaders', () => {
  it('reads the http_x_ratelimit_* form GoCardless sends', () => {
    expect(
      readGoCardlessRateHeaders({
        http_x_ratelimit_limit: '100',
        http_x_ratelimit_remaining: '92',
        http_x_ratelimit_reset: '1',
        http_x_ratelimit_account_success_limit: '4',
        http_x_ratelimit_account_success_remaining: '3',
        http_x_ratelimit_account_success_reset: '5242',
      }),
    ).toEqual({
      api: { limit: 100, remaining: 92, resetSeconds: 1 },
      accountSuccess: { limit: 4, remaining: 3, resetSeconds: 5242 },
    });
  });

  it('reads the x-ratelimit-* form with dashes', () => {
    expect(
      readGoCardlessRateHeaders({
        'x-ratelimit-account-success-limit': '10',
        'x-ratelimit-account-success-remaining': '0',
        'x-ratelimit-account-success-reset': '60',
      }),
    ).toEqual({ api: null, accountSuccess: { limit: 10, remaining: 0, resetSeconds: 60 } });
  });

  it('ignores values that are not whole numbers and answers null without headers', () => {
    expect(readGoCardlessRateHeaders({ http_x_ratelimit_remaining: 'soon' })).toEqual({
      api: null,
      accountSuccess: null,
    });
  });
});

describe('retryAfterFromDetail', () => {
  it('reads the seconds of a 429 detail', () => {
    expect(
      retryAfterFromDetail(
        'The rate limit for this resource is 4/day. Please try again in 85092 seconds',
      ),
    ).toBe(85_092_000);
    expect(
      retryAfterFromDetail('Daily request limit set by the Institution has been exceeded.'),
    ).toBeNull();
  });
});
