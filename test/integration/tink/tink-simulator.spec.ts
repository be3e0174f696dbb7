import { startTinkSimulator, toTinkAmount } from '../../simulators/tink';
import {
  call,
  clientToken,
  userToken,
  useSimulator,
} from '../../simulators/tink/tink-simulator.testing';

interface TxBody {
  id: string;
  status: string;
  accountId: string;
  dates: { booked: string };
  amount: { value: { scale: string; unscaledValue: string } };
}
interface TxPage {
  transactions: TxBody[];
  nextPageToken: string;
}

describe('Tink simulator: OAuth', () => {
  const sim = useSimulator();

  it('issues client tokens for form-encoded client_credentials with comma scopes', async () => {
    const response = await call(sim(), 'POST', '/api/v1/oauth/token', {
      form: {
        client_id: sim().clientId,
        client_secret: sim().clientSecret,
        grant_type: 'client_credentials',
        scope: 'authorization:grant,user:create',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1800,
      scope: 'authorization:grant,user:create',
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a wrong secret, JSON bodies, unknown grants and scopes the app lacks', async () => {
    const base = { client_id: sim().clientId, client_secret: sim().clientSecret };
    const wrong = await call(sim(), 'POST', '/api/v1/oauth/token', {
      form: { ...base, client_secret: 'nope', grant_type: 'client_credentials' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errorMessage: expect.any(String), errorCode: 'INVALID_CLIENT' });
    const json = await call(sim(), 'POST', '/api/v1/oauth/token', {
      json: { ...base, grant_type: 'client_credentials' },
    });
    expect(json.status).toBe(400);
    const refresh = await call(sim(), 'POST', '/api/v1/oauth/token', {
      form: { ...base, grant_type: 'refresh_token' },
    });
    expect(refresh.body).toMatchObject({ errorCode: 'UNSUPPORTED_GRANT_TYPE' });
    const scope = await call(sim(), 'POST', '/api/v1/oauth/token', {
      form: { ...base, grant_type: 'client_credentials', scope: 'payment:write' },
    });
    expect(scope.body).toMatchObject({ errorCode: 'INVALID_SCOPE' });
  });

  it('exchanges a single-use authorization code for a 2 h user token without refresh_token', async () => {
    const user = sim().data.addUser({ externalUserId: 'oauth-user' });
    const grant = await call(sim(), 'POST', '/api/v1/oauth/authorization-grant', {
      token: await clientToken(sim()),
      form: { external_user_id: 'oauth-user', scope: 'accounts:read' },
    });
    const { code } = grant.body as { code: string };
    const form = {
      client_id: sim().clientId,
      client_secret: sim().clientSecret,
      grant_type: 'authorization_code',
      code,
    };
    const first = await call(sim(), 'POST', '/api/v1/oauth/token', { form });
    expect(first.body).toMatchObject({
      expires_in: 7200,
      scope: 'accounts:read',
      id_hint: user.id,
    });
    expect(first.body).not.toHaveProperty('refresh_token');
    const reused = await call(sim(), 'POST', '/api/v1/oauth/token', { form });
    expect(reused).toMatchObject({ status: 400, body: { errorCode: 'INVALID_GRANT' } });
  });

  it('creates users (409 on a duplicate external id) and 404s grants for unknown users', async () => {
    const token = await clientToken(sim());
    const created = await call(sim(), 'POST', '/api/v1/user/create', {
      token,
      json: { external_user_id: 'new-1', market: 'GB', locale: 'en_US' },
    });
    expect(created.body).toMatchObject({
      external_user_id: 'new-1',
      user_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const duplicate = await call(sim(), 'POST', '/api/v1/user/create', {
      token,
      json: { external_user_id: 'new-1', market: 'GB', locale: 'en_US' },
    });
    expect(duplicate.status).toBe(409);
    const unknown = await call(sim(), 'POST', '/api/v1/oauth/authorization-grant', {
      token,
      form: { user_id: 'nobody', scope: 'accounts:read' },
    });
    expect(unknown.status).toBe(404);
  });

  it('enforces token kind, scope and expiry per endpoint', async () => {
    const user = sim().data.addUser();
    const narrow = await userToken(sim(), user.id, 'accounts:read');
    expect((await call(sim(), 'GET', '/data/v2/accounts', { token: narrow })).status).toBe(200);
    expect(
      (await call(sim(), 'GET', '/data/v2/transactions', { token: narrow })).body,
    ).toMatchObject({
      errorCode: 'MISSING_SCOPE',
    });
    expect(
      (await call(sim(), 'GET', '/data/v2/accounts', { token: await clientToken(sim()) })).status,
    ).toBe(403);
    expect((await call(sim(), 'GET', '/data/v2/accounts')).status).toBe(401);
    sim().control.advanceClock(7_201_000);
    expect((await call(sim(), 'GET', '/data/v2/accounts', { token: narrow })).body).toMatchObject({
      errorCode: 'TOKEN_EXPIRED',
    });
  });
});

describe('Tink simulator: data v2', () => {
  const sim = useSimulator();
  let token = '';
  let accountIds: string[] = [];
  let pendingId = '';

  beforeAll(async () => {
    const user = sim().data.addUser();
    const credential = sim().data.addCredential(user.id);
    const a = sim().data.addAccount(credential.id, {
      name: 'Main',
      iban: 'GB00DEMO1',
      bookedBalance: toTinkAmount('-130', -1),
    });
    const b = sim().data.addAccount(credential.id, { name: 'Savings', type: 'SAVINGS' });
    accountIds = [a.id, b.id];
    for (let day = 1; day <= 28; day += 1) {
      const bookedDate = `2026-01-${String(day).padStart(2, '0')}`;
      sim().data.addTransaction(a.id, { bookedDate, amount: toTinkAmount(`-${day}.50`, 2) });
      sim().data.addTransaction(b.id, { bookedDate, amount: toTinkAmount(`${day}00`, -2) });
    }
    pendingId = sim().data.addTransaction(a.id, {
      status: 'PENDING',
      bookedDate: '2026-02-02',
      amount: toTinkAmount('-9.99', 2),
    }).id;
    token = await userToken(sim(), user.id);
  });

  async function allPages(query: string): Promise<{ pages: TxPage[]; rows: TxBody[] }> {
    const pages: TxPage[] = [];
    let pageToken = '';
    do {
      const separator = query ? '&' : '';
      const tokenParam = pageToken ? `${separator}pageToken=${encodeURIComponent(pageToken)}` : '';
      const response = await call(sim(), 'GET', `/data/v2/transactions?${query}${tokenParam}`, {
        token,
      });
      expect(response.status).toBe(200);
      const page = response.body as TxPage;
      pages.push(page);
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    return { pages, rows: pages.flatMap((p) => p.transactions) };
  }

  it('renders accounts with string amounts, negative scale and unknown fields', async () => {
    const response = await call(sim(), 'GET', '/data/v2/accounts', { token });
    const body = response.body as { accounts: Record<string, unknown>[]; nextPageToken: string };
    expect(body.nextPageToken).toBe('');
    expect(body.accounts).toHaveLength(2);
    expect(body.accounts.find((a) => a.name === 'Main')).toMatchObject({
      type: 'CHECKING',
      balances: {
        booked: { amount: { currencyCode: 'GBP', value: { scale: '-1', unscaledValue: '-13' } } },
      },
      identifiers: { iban: { iban: 'GB00DEMO1' } },
      dates: { lastRefreshed: expect.any(String) },
      futureField: expect.anything(),
    });
  });

  it('pages newest first with an empty nextPageToken on the last page', async () => {
    const { pages, rows } = await allPages('pageSize=10');
    expect(pages.map((p) => p.transactions.length)).toEqual([10, 10, 10, 10, 10, 7]);
    expect(pages[pages.length - 1].nextPageToken).toBe('');
    expect(new Set(rows.map((r) => r.id)).size).toBe(57);
    const dates = rows.map((r) => r.dates.booked);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(rows[0]).toMatchObject({
      id: pendingId,
      status: 'PENDING',
      dates: { booked: '2026-02-02' },
    });
  });

  it('caps pageSize at 100 and rejects junk', async () => {
    const capped = await call(sim(), 'GET', '/data/v2/transactions?pageSize=500', { token });
    expect((capped.body as TxPage).transactions).toHaveLength(57);
    expect((await call(sim(), 'GET', '/data/v2/transactions?pageSize=abc', { token })).status).toBe(
      400,
    );
  });

  it('filters by booked date range, account and status (repeatable params)', async () => {
    const { rows } = await allPages(
      `pageSize=7&bookedDateGte=2026-01-10&bookedDateLte=2026-01-19&accountIdIn=${accountIds[1]}`,
    );
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.accountId === accountIds[1] && r.amount.value.scale === '-2')).toBe(
      true,
    );
    const pending = await allPages('statusIn=PENDING');
    expect(pending.rows.map((r) => r.id)).toEqual([pendingId]);
    const both = await allPages('statusIn=PENDING&statusIn=BOOKED&bookedDateGte=2026-01-28');
    expect(both.rows).toHaveLength(3);
    expect(
      (await call(sim(), 'GET', '/data/v2/transactions?bookedDateGte=01-02-2026', { token }))
        .status,
    ).toBe(400);
  });

  it('refuses a page token used with a different query', async () => {
    const first = (await call(sim(), 'GET', '/data/v2/transactions?pageSize=5', { token }))
      .body as TxPage;
    const misused = await call(
      sim(),
      'GET',
      `/data/v2/transactions?pageSize=5&statusIn=BOOKED&pageToken=${first.nextPageToken}`,
      { token },
    );
    expect(misused).toMatchObject({ status: 400, body: { errorCode: 'INVALID_PAGE_TOKEN' } });
  });

  it('books pending rows under the same id or a new id', async () => {
    const account = accountIds[0];
    const same = sim().data.addTransaction(account, {
      status: 'PENDING',
      bookedDate: '2026-02-03',
      amount: toTinkAmount('-1', 0),
    });
    const renamed = sim().data.addTransaction(account, {
      status: 'PENDING',
      bookedDate: '2026-02-03',
      amount: toTinkAmount('-2', 0),
    });
    expect(sim().control.bookPending(same.id, { mode: 'same-id' }).id).toBe(same.id);
    const booked = sim().control.bookPending(renamed.id, { mode: 'new-id' });
    expect(booked.id).not.toBe(renamed.id);
    const { rows } = await allPages('bookedDateGte=2026-02-03');
    expect(rows.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [same.id, 'BOOKED'],
        [booked.id, 'BOOKED'],
      ].sort(),
    );
  });
});

describe('Tink simulator: credentials and refresh', () => {
  const sim = useSimulator({ refresh: { stepMs: 1_000 } });

  async function credentialOf(
    token: string,
    id: string,
  ): Promise<{ status: string; statusUpdated: number }> {
    return (await call(sim(), 'GET', `/api/v1/credentials/${id}`, { token })).body as {
      status: string;
      statusUpdated: number;
    };
  }

  it('walks AUTHENTICATING → UPDATING → UPDATED on the simulated clock', async () => {
    const user = sim().data.addUser();
    const credential = sim().data.addCredential(user.id);
    const token = await userToken(sim(), user.id);
    const before = await credentialOf(token, credential.id);
    const refresh = await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, {
      token,
      json: { userAvailability: { userPresent: false, userAvailableForInteraction: false } },
    });
    expect(refresh.status).toBe(204);
    expect((await credentialOf(token, credential.id)).status).toBe('AUTHENTICATING');
    const again = await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, {
      token,
    });
    expect(again).toMatchObject({ status: 409, body: { errorCode: 'REFRESH_IN_PROGRESS' } });
    sim().control.advanceClock(1_000);
    expect((await credentialOf(token, credential.id)).status).toBe('UPDATING');
    sim().control.advanceClock(1_000);
    const after = await credentialOf(token, credential.id);
    expect(after.status).toBe('UPDATED');
    expect(after.statusUpdated).toBeGreaterThan(before.statusUpdated);
    const consents = await call(
      sim(),
      'GET',
      `/api/v1/provider-consents?credentialsId=${credential.id}`,
      { token },
    );
    expect(consents.body).toMatchObject({
      providerConsents: [{ credentialsId: credential.id, status: 'UPDATED' }],
    });
  });

  it('answers a rate-limited refresh with 204 and changes nothing', async () => {
    const user = sim().data.addUser();
    const credential = sim().data.addCredential(user.id);
    const token = await userToken(sim(), user.id);
    sim().control.setRefreshRateLimited(credential.id, true);
    const before = await credentialOf(token, credential.id);
    expect(
      (await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, { token })).status,
    ).toBe(204);
    sim().control.advanceClock(5_000);
    expect(await credentialOf(token, credential.id)).toEqual(before);
    expect(sim().control.counters().refreshesRateLimited).toBeGreaterThanOrEqual(1);
  });

  it('moves an expired consent to SESSION_EXPIRED on an unattended refresh', async () => {
    const user = sim().data.addUser();
    const credential = sim().data.addCredential(user.id);
    const token = await userToken(sim(), user.id);
    sim().control.expireSession(credential.id);
    await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, { token });
    expect((await credentialOf(token, credential.id)).status).toBe('SESSION_EXPIRED');
  });

  it('can end a refresh in TEMPORARY_ERROR or a timed-out AWAITING journey', async () => {
    const user = sim().data.addUser();
    const temporary = sim().data.addCredential(user.id);
    const awaiting = sim().data.addCredential(user.id);
    const token = await userToken(sim(), user.id);
    sim().control.setRefreshEnding(temporary.id, 'TEMPORARY_ERROR');
    sim().control.setRefreshEnding(awaiting.id, 'AWAITING_SUPPLEMENTAL_INFORMATION');
    await call(sim(), 'POST', `/api/v1/credentials/${temporary.id}/refresh`, { token });
    await call(sim(), 'POST', `/api/v1/credentials/${awaiting.id}/refresh`, { token });
    sim().control.advanceClock(2_000);
    expect((await credentialOf(token, temporary.id)).status).toBe('TEMPORARY_ERROR');
    expect((await credentialOf(token, awaiting.id)).status).toBe(
      'AWAITING_SUPPLEMENTAL_INFORMATION',
    );
    sim().control.advanceClock(2 * 60_000);
    expect((await credentialOf(token, awaiting.id)).status).toBe('AUTHENTICATION_ERROR');
  });

  it('books due pending rows when a refresh succeeds', async () => {
    const user = sim().data.addUser();
    const credential = sim().data.addCredential(user.id);
    const account = sim().data.addAccount(credential.id);
    const today = new Date(sim().control.now()).toISOString().slice(0, 10);
    const pending = sim().data.addTransaction(account.id, {
      status: 'PENDING',
      bookedDate: today,
      amount: toTinkAmount('-5', 0),
    });
    const token = await userToken(sim(), user.id);
    await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, { token });
    sim().control.advanceClock(2_000);
    await credentialOf(token, credential.id);
    expect(sim().data.transaction(pending.id)?.status).toBe('BOOKED');
  });
});

describe('Tink simulator: faults, budget and control', () => {
  const sim = useSimulator();
  let token = '';
  let credentialId = '';

  beforeAll(async () => {
    const user = sim().data.addUser();
    credentialId = sim().data.addCredential(user.id).id;
    token = await userToken(sim(), user.id);
  });
  afterEach(() => {
    sim().control.reset();
    sim().control.setRateLimit(null);
  });

  it('injects faults per route, a given number of times', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'status', status: 503, times: 2 });
    sim().control.injectFault({ route: 'accounts.list', kind: 'rate_limit', retryAfter: '3' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(await call(sim(), 'GET', '/data/v2/accounts', { token }));
    expect(statuses.map((r) => r.status)).toEqual([503, 503, 429, 200]);
    expect(statuses[2].headers.get('retry-after')).toBe('3');
    expect(sim().control.counters()).toMatchObject({ faultsApplied: 3, rateLimited: 1 });
  });

  it('injects faults per credential, on its own routes and its user’s data routes', async () => {
    sim().control.injectFault({ credentialId, kind: 'session_expired', times: null });
    expect(
      (await call(sim(), 'GET', `/api/v1/credentials/${credentialId}`, { token })).body,
    ).toMatchObject({
      errorCode: 'SESSION_EXPIRED',
    });
    expect((await call(sim(), 'GET', '/data/v2/transactions', { token })).status).toBe(401);
    const other = sim().data.addUser();
    sim().data.addCredential(other.id);
    expect(
      (
        await call(sim(), 'GET', '/data/v2/transactions', {
          token: await userToken(sim(), other.id),
        })
      ).status,
    ).toBe(200);
  });

  it('serves malformed JSON, wrong shapes, temporary errors and dropped connections', async () => {
    sim().control.injectFault({ route: 'transactions.list', kind: 'malformed_json' });
    sim().control.injectFault({ route: 'transactions.list', kind: 'invalid_shape' });
    sim().control.injectFault({ route: 'transactions.list', kind: 'temporary_error' });
    sim().control.injectFault({ route: 'transactions.list', kind: 'drop_connection' });
    const malformed = await call(sim(), 'GET', '/data/v2/transactions', { token });
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect((await call(sim(), 'GET', '/data/v2/transactions', { token })).body).toMatchObject({
      unexpected: 'shape',
    });
    expect((await call(sim(), 'GET', '/data/v2/transactions', { token })).body).toMatchObject({
      errorCode: 'TEMPORARY_ERROR',
    });
    await expect(call(sim(), 'GET', '/data/v2/transactions', { token })).rejects.toThrow();
  });

  it('hangs until the client gives up', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'hang' });
    await expect(
      fetch(`${sim().url}/data/v2/accounts`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
  });

  it('adds latency', async () => {
    sim().control.setLatency(120);
    const startedAt = Date.now();
    await call(sim(), 'GET', '/data/v2/accounts', { token });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(110);
  });

  it('enforces an app-wide budget with 429 + Retry-After and counts it', async () => {
    sim().control.setRateLimit(5);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call(sim(), 'GET', '/data/v2/accounts', { token })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0].headers.get('retry-after')).toBe('1');
    expect(limited[0].body).toMatchObject({ errorCode: 'RATE_LIMIT_EXCEEDED' });
    expect(sim().control.counters()).toMatchObject({
      budgetRejections: 3,
      rateLimited: 3,
      peakRequestsPerSecond: 5,
    });
  });

  it('exposes the same control over HTTP', async () => {
    const injected = await call(sim(), 'POST', '/__control/faults', {
      json: { route: 'credentials.list', kind: 'status', status: 502 },
    });
    expect(injected.body).toMatchObject({ id: expect.any(String) });
    expect((await call(sim(), 'GET', '/api/v1/credentials/list', { token })).status).toBe(502);
    expect(
      (await call(sim(), 'POST', '/__control/faults', { json: { kind: 'explode' } })).status,
    ).toBe(400);
    expect(
      (
        await call(sim(), 'PUT', `/__control/credentials/${credentialId}/status`, {
          json: { status: 'TEMPORARY_ERROR' },
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(sim(), 'GET', `/api/v1/credentials/${credentialId}`, { token })).body,
    ).toMatchObject({ status: 'TEMPORARY_ERROR' });
    const counters = await call(sim(), 'GET', '/__control/counters');
    expect(counters.body).toMatchObject({
      byRoute: { 'credentials.list': 1, 'credentials.get': 1 },
      byStatus: { '502': 1 },
    });
    const seeded = await call(sim(), 'POST', '/__control/seed', {
      json: { users: 2, transactionsPerAccount: 3 },
    });
    expect(seeded.body).toMatchObject({ accounts: 4, transactions: 12 });
  });
});

describe('Tink simulator: scale', () => {
  it('seeds and serves 1,000 users × 2 accounts × 200 transactions quickly', async () => {
    const startedAt = Date.now();
    const sim = await startTinkSimulator({
      seed: { users: 1_000, accountsPerUser: 2, transactionsPerAccount: 200, pendingPerAccount: 2 },
    });
    try {
      expect(sim.data.counts()).toEqual({
        users: 1_000,
        credentials: 1_000,
        accounts: 2_000,
        transactions: 404_000,
      });
      const seededMs = Date.now() - startedAt;
      const users = sim.data.allUsers();
      let rows = 0;
      const servedAt = Date.now();
      for (const user of [users[0], users[499], users[999]]) {
        const token = await userToken(sim, user.id);
        let pageToken = '';
        do {
          const page = (
            await call(
              sim,
              'GET',
              `/data/v2/transactions?pageSize=100${pageToken ? `&pageToken=${pageToken}` : ''}`,
              { token },
            )
          ).body as TxPage;
          rows += page.transactions.length;
          pageToken = page.nextPageToken;
        } while (pageToken);
      }
      expect(rows).toBe(3 * 404);
      expect(seededMs).toBeLessThan(15_000); // ~1 s on an idle laptop
      expect(Date.now() - servedAt).toBeLessThan(5_000);
    } finally {
      await sim.stop();
    }
  }, 30_000);
});
