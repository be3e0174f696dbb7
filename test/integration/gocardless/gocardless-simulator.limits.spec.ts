import type { GoCardlessSimulator } from '../../simulators/gocardless';
import {
  accessToken,
  call,
  useGoCardlessSimulator,
  type RawResponse,
} from '../../simulators/gocardless/gocardless-simulator.testing';

const HOUR = 3_600_000;
const COMPANY_HEADERS = [
  'http_x_ratelimit_limit',
  'http_x_ratelimit_remaining',
  'http_x_ratelimit_reset',
];
const ACCOUNT_HEADERS = [
  'http_x_ratelimit_account_success_limit',
  'http_x_ratelimit_account_success_remaining',
  'http_x_ratelimit_account_success_reset',
];

const accountHeaders = (response: RawResponse): Record<string, string | null> =>
  Object.fromEntries(
    ACCOUNT_HEADERS.map((name) => [
      name.replace('http_x_ratelimit_account_success_', ''),
      response.headers.get(name),
    ]),
  );

function seedOneAccount(
  sim: GoCardlessSimulator,
  limit?: number,
): { accountId: string; agreementId: string; requisitionId: string } {
  const seeded = sim.seedRequisition({ accounts: [{ booked: 3, successLimit: limit }] });
  return {
    accountId: seeded.accounts[0].id,
    agreementId: seeded.agreementId,
    requisitionId: seeded.requisitionId,
  };
}

describe('GoCardless simulator: per-account, per-scope limits (rolling 24 h, successes only)', () => {
  const sim = useGoCardlessSimulator();

  it('allows 4 successful calls per scope, counts no failure, then 429 until the oldest leaves the window', async () => {
    let token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim());
    const path = `/api/v2/accounts/${accountId}/transactions/`;

    // Failures first: none of them may use the account's budget.
    sim().failAccount(accountId, { error: 'UnknownRequestError', times: 2 });
    sim().failAccount(accountId, { error: 'ServiceError', times: 1 });
    for (const status of [500, 500, 503]) {
      const failed = await call(sim(), 'GET', path, { token });
      expect(failed.status).toBe(status);
      expect(accountHeaders(failed)).toMatchObject({ limit: '4', remaining: '4' });
    }
    const invalidDate = await call(sim(), 'GET', `${path}?date_from=nope`, { token });
    expect(invalidDate.status).toBe(400);

    const remaining: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await call(sim(), 'GET', path, { token });
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('http_x_ratelimit_account_success_remaining'));
      sim().advanceClock(HOUR);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);

    const spent = await call(sim(), 'GET', path, { token });
    expect(spent.status).toBe(429);
    expect(spent.body).toEqual({
      summary: 'Rate limit exceeded',
      detail: expect.stringMatching(
        /^The rate limit for this resource is 4\/day\. Please try again in \d+ seconds$/,
      ),
      status_code: 429,
    });
    // The first success was 4 h ago: 20 h to go.
    const reset = Number(spent.headers.get('http_x_ratelimit_account_success_reset'));
    expect(reset).toBeGreaterThan(20 * 3600 - 60);
    expect(reset).toBeLessThanOrEqual(20 * 3600);

    // Other scopes have their own counters.
    expect(
      (await call(sim(), 'GET', `/api/v2/accounts/${accountId}/balances/`, { token })).status,
    ).toBe(200);

    sim().advanceClock(20 * HOUR);
    token = await accessToken(sim()); // 24 h of simulated time: the old one has expired
    const again = await call(sim(), 'GET', path, { token });
    expect(again.status).toBe(200);
    expect(again.headers.get('http_x_ratelimit_account_success_remaining')).toBe('0');
    expect((await call(sim(), 'GET', path, { token })).status).toBe(429);

    const counters = sim().counters();
    expect(counters.accountSuccesses[accountId]).toEqual({ transactions: 5, balances: 1 });
    expect(counters.rateLimited.accountSuccess).toBe(2);
  });

  it('takes a per-account limit and the bank RateLimitError body when configured', async () => {
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim(), 1);
    const path = `/api/v2/accounts/${accountId}/details/`;
    expect((await call(sim(), 'GET', path, { token })).status).toBe(200);
    const spent = await call(sim(), 'GET', path, { token });
    expect(spent.status).toBe(429);
    expect(accountHeaders(spent)).toMatchObject({ limit: '1', remaining: '0' });
    sim().setAccountSuccessLimit(accountId, 2);
    expect((await call(sim(), 'GET', path, { token })).status).toBe(200);
  });
});

describe('GoCardless simulator: the bank 429 body', () => {
  const sim = useGoCardlessSimulator({ accountLimitBody: 'institution', accountSuccessLimit: 1 });

  it('says the daily limit set by the institution is exceeded', async () => {
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim());
    const path = `/api/v2/accounts/${accountId}/balances/`;
    await call(sim(), 'GET', path, { token });
    const spent = await call(sim(), 'GET', path, { token });
    expect(spent.body).toEqual({
      summary: "Couldn't update account balances",
      detail: 'Daily request limit set by the Institution has been exceeded.',
      status_code: 429,
      type: 'RateLimitError',
    });
  });
});

describe('GoCardless simulator: rate-limit headers', () => {
  const sim = useGoCardlessSimulator({ apiLimits: { accounts: { limit: 30, periodSeconds: 60 } } });

  it('are on every API response, whatever the route or outcome; account ones on data routes', async () => {
    const token = await accessToken(sim());
    const { accountId, requisitionId, agreementId } = seedOneAccount(sim());
    const responses: [string, RawResponse][] = [];
    const record = async (
      label: string,
      method: string,
      path: string,
      json?: unknown,
      withToken = true,
    ): Promise<void> => {
      responses.push([
        label,
        await call(sim(), method, path, { token: withToken ? token : undefined, json }),
      ]);
    };
    await record('token', 'POST', '/api/v2/token/new/', { secret_id: 'x', secret_key: 'y' });
    await record('refresh', 'POST', '/api/v2/token/refresh/', { refresh: 'x' });
    await record('institutions', 'GET', '/api/v2/institutions/?country=GB');
    await record('no token', 'GET', '/api/v2/institutions/', undefined, false);
    await record('agreement', 'GET', `/api/v2/agreements/enduser/${agreementId}/`);
    await record('agreement 400', 'POST', '/api/v2/agreements/enduser/', {
      institution_id: 'NOPE',
    });
    await record('requisition', 'GET', `/api/v2/requisitions/${requisitionId}/`);
    await record('metadata', 'GET', `/api/v2/accounts/${accountId}/`);
    for (const scope of ['details', 'balances', 'transactions']) {
      await record(scope, 'GET', `/api/v2/accounts/${accountId}/${scope}/`);
    }
    await record(
      'unknown account',
      'GET',
      '/api/v2/accounts/00000000-0000-4000-8000-000000000000/details/',
    );
    for (const [label, response] of responses) {
      for (const name of COMPANY_HEADERS) {
        expect([label, name, response.headers.get(name)]).toEqual([
          label,
          name,
          expect.stringMatching(/^\d+$/),
        ]);
      }
    }
    const dataRoutes = responses.filter(([label]) =>
      ['details', 'balances', 'transactions', 'unknown account'].includes(label),
    );
    for (const [label, response] of dataRoutes) {
      for (const name of ACCOUNT_HEADERS) {
        expect([label, name, response.headers.get(name)]).toEqual([
          label,
          name,
          expect.stringMatching(/^\d+$/),
        ]);
      }
    }
    const metadata = responses.find(([label]) => label === 'metadata')![1];
    expect(metadata.headers.get('http_x_ratelimit_account_success_limit')).toBeNull();
  });

  it('count the company-wide bucket down, failures included, and 429 when it is spent', async () => {
    sim().setClock(Date.parse('2026-06-01T12:00:00Z'));
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim());
    const path = `/api/v2/accounts/${accountId}/`;
    const first = await call(sim(), 'GET', path, { token });
    expect(first.headers.get('http_x_ratelimit_limit')).toBe('30');
    expect(first.headers.get('http_x_ratelimit_remaining')).toBe('29');
    await call(sim(), 'GET', '/api/v2/accounts/00000000-0000-4000-8000-000000000000/', { token });
    for (let i = 0; i < 28; i += 1) await call(sim(), 'GET', path, { token });
    const limited = await call(sim(), 'GET', path, { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ summary: 'Rate limit exceeded', status_code: 429 });
    expect(limited.headers.get('http_x_ratelimit_remaining')).toBe('0');
    sim().advanceClock(60_000);
    expect((await call(sim(), 'GET', path, { token })).status).toBe(200);
  });

  it('are all dropped, body too, when bare 429s are switched on', async () => {
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim(), 0);
    sim().setChaos({ bareRateLimit: true });
    try {
      const bare = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/balances/`, { token });
      expect(bare.status).toBe(429);
      expect(bare.text).toBe('');
      for (const name of [...COMPANY_HEADERS, ...ACCOUNT_HEADERS]) {
        expect(bare.headers.get(name)).toBeNull();
      }
    } finally {
      sim().setChaos({});
    }
  });
});

describe('GoCardless simulator: suspension after 10 consecutive failures', () => {
  const sim = useGoCardlessSimulator();

  it('suspends on the 10th counted failure; 429 and 503 neither count nor break the streak; a success does', async () => {
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim(), 100);
    const path = `/api/v2/accounts/${accountId}/transactions/`;

    sim().failAccount(accountId, { error: 'UnknownRequestError', times: 9 });
    for (let i = 0; i < 9; i += 1)
      expect((await call(sim(), 'GET', path, { token })).status).toBe(500);
    expect((await call(sim(), 'GET', path, { token })).status).toBe(200);
    expect(sim().failureStreak(accountId)).toBe(0);

    sim().failAccount(accountId, { error: 'AccessExpiredError', times: 5 });
    sim().failAccount(accountId, { error: 'ServiceError', times: 1 });
    sim().failAccount(accountId, { error: 'RateLimitError', times: 1 });
    sim().failAccount(accountId, { error: 'UnknownRequestError', times: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push((await call(sim(), 'GET', path, { token })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 503, 429, 500, 500, 500, 500, 500]);
    expect(sim().account(accountId).status).toBe('SUSPENDED');

    for (const scope of ['details', 'balances', 'transactions']) {
      const suspended = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/${scope}/`, {
        token,
      });
      expect(suspended.status).toBe(409);
      expect(suspended.body).toEqual({
        summary: 'Account suspended',
        detail:
          'This account or its requisition was suspended due to numerous errors that occurred while accessing it.',
        status_code: 409,
      });
    }
    const metadata = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/`, { token });
    expect(metadata.body).toMatchObject({ status: 'SUSPENDED' });
  });

  it('counts the 500s of an account in ERROR status', async () => {
    const token = await accessToken(sim());
    const { accountId } = seedOneAccount(sim(), 100);
    sim().setAccountStatus(accountId, 'ERROR');
    const path = `/api/v2/accounts/${accountId}/balances/`;
    const first = await call(sim(), 'GET', path, { token });
    expect(first.body).toMatchObject({ status_code: 500, type: 'UnknownRequestError' });
    for (let i = 0; i < 9; i += 1) await call(sim(), 'GET', path, { token });
    expect((await call(sim(), 'GET', path, { token })).status).toBe(409);
  });
});

describe('GoCardless simulator: EUA expiry', () => {
  const sim = useGoCardlessSimulator();

  const expectExpired = async (
    accountId: string,
    agreementId: string,
    status: number,
    token: string,
  ): Promise<void> => {
    const response = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/transactions/`, {
      token,
    });
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      summary: `End User Agreement (EUA) ${agreementId} has expired`,
      detail: expect.stringMatching(
        /^EUA was valid for \d+ days and it expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\. The end user must connect the account once more with new EUA and Requisition$/,
      ),
      status_code: status,
    });
  };

  it('lapses access_valid_for_days after acceptance by the clock: 400, requisition EX, account EXPIRED', async () => {
    const seeded = sim().seedRequisition({ accessValidForDays: 30 });
    const accountId = seeded.accounts[0].id;
    sim().advanceClock(29 * 24 * HOUR);
    let token = await accessToken(sim());
    expect(
      (await call(sim(), 'GET', `/api/v2/accounts/${accountId}/balances/`, { token })).status,
    ).toBe(200);
    sim().advanceClock(24 * HOUR);
    token = await accessToken(sim());
    await expectExpired(accountId, seeded.agreementId, 400, token);
    const requisition = await call(sim(), 'GET', `/api/v2/requisitions/${seeded.requisitionId}/`, {
      token,
    });
    expect(requisition.body).toMatchObject({ status: 'EX' });
    const metadata = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/`, { token });
    expect(metadata.body).toMatchObject({ status: 'EXPIRED' });
  });

  it('answers 401 with the same body when expired that way through the control API', async () => {
    const token = await accessToken(sim());
    const seeded = sim().seedRequisition();
    sim().expireAgreement(seeded.agreementId, { status: 401 });
    await expectExpired(seeded.accounts[0].id, seeded.agreementId, 401, token);
    expect(sim().requisition(seeded.requisitionId).status).toBe('EX');
  });

  it('answers 401 AccessExpiredError once the bank revokes access', async () => {
    const token = await accessToken(sim());
    const seeded = sim().seedRequisition();
    sim().revokeAgreement(seeded.agreementId);
    const response = await call(
      sim(),
      'GET',
      `/api/v2/accounts/${seeded.accounts[0].id}/details/`,
      { token },
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ type: 'AccessExpiredError', status_code: 401 });
    expect(sim().requisition(seeded.requisitionId).status).toBe('EX');
  });
});

describe('GoCardless simulator: EUA expiry answered 401 by default', () => {
  const sim = useGoCardlessSimulator({ euaExpiredStatus: 401 });

  it('uses the configured status', async () => {
    const token = await accessToken(sim());
    const seeded = sim().seedRequisition();
    sim().expireAgreement(seeded.agreementId);
    const response = await call(
      sim(),
      'GET',
      `/api/v2/accounts/${seeded.accounts[0].id}/balances/`,
      { token },
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      summary: expect.stringMatching(/End User Agreement.*expired/),
    });
  });
});
