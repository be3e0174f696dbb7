import { SANDBOX_INSTITUTION_ID } from '../../simulators/gocardless';
import {
  accessToken,
  call,
  useGoCardlessSimulator,
} from '../../simulators/gocardless/gocardless-simulator.testing';

describe('GoCardless simulator: the shared fault layer', () => {
  const sim = useGoCardlessSimulator({ chaosSeed: 3 });
  let token = '';
  let accountId = '';

  beforeAll(async () => {
    token = await accessToken(sim());
    accountId = sim().seedRequisition().accounts[0].id;
    sim().setAccountSuccessLimit(accountId, 1_000);
  });
  afterEach(() => sim().reset());

  it('answers POSTs 5xx, before the route ran or after it acted', async () => {
    sim().setChaos({ nonGetServerErrors: { rate: 1, status: 500 } });
    const before = sim().counters().byRoute['agreements.create'] ?? 0;
    const failed = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: { institution_id: SANDBOX_INSTITUTION_ID },
    });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ status_code: 500 });
    expect(failed.headers.get('http_x_ratelimit_limit')).toMatch(/^\d+$/);
    expect(sim().counters().byRoute['agreements.create']).toBe(before + 1);

    const listed = async (): Promise<number> =>
      ((await call(sim(), 'GET', '/api/v2/requisitions/', { token })).body as { count: number })
        .count;
    sim().setChaos({});
    const requisitionsBefore = await listed();
    sim().setChaos({ nonGetServerErrors: { rate: 1, afterHandler: true } });
    const acted = await call(sim(), 'POST', '/api/v2/requisitions/', {
      token,
      json: { redirect: 'https://app.example/cb', institution_id: SANDBOX_INSTITUTION_ID },
    });
    expect(acted.status).toBe(503);
    sim().setChaos({});
    expect(await listed()).toBe(requisitionsBefore + 1);
  });

  it('cuts bodies, resets connections and sends slow bodies on the chosen routes', async () => {
    const path = `/api/v2/accounts/${accountId}/transactions/`;
    sim().setChaos({ truncatedBodies: { rate: 1, routes: ['accounts.transactions'] } });
    const cut = await call(sim(), 'GET', path, { token });
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text) as unknown).toThrow();
    expect(Number(cut.headers.get('content-length'))).toBe(Buffer.byteLength(cut.text));

    sim().setChaos({ connectionResets: { rate: 1, routes: ['accounts.balances'] } });
    await expect(
      call(sim(), 'GET', `/api/v2/accounts/${accountId}/balances/`, { token }),
    ).rejects.toThrow();

    sim().setChaos({ slowBodies: { rate: 1, delayMs: 300 } });
    const started = Date.now();
    const slow = await call(sim(), 'GET', path, { token });
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim().counters().chaos).toMatchObject({ slowBodies: 1 });
  });

  it('fails any route, GETs included, without touching the suspension count', async () => {
    const seeded = sim().seedRequisition();
    sim().failRoute({ route: 'requisitions.get', times: 2 });
    const path = `/api/v2/requisitions/${seeded.requisitionId}/`;
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await call(sim(), 'GET', path, { token })).status);
    expect(statuses).toEqual([503, 503, 200]);

    sim().failRoute({ route: 'accounts.transactions', status: 500, times: 3 });
    const data = `/api/v2/accounts/${accountId}/transactions/`;
    for (let i = 0; i < 3; i += 1) {
      const failed = await call(sim(), 'GET', data, { token });
      expect(failed.status).toBe(500);
      expect(failed.headers.get('http_x_ratelimit_account_success_remaining')).toMatch(/^\d+$/);
    }
    expect(sim().failureStreak(accountId)).toBe(0);
    expect(sim().counters().routeFaults).toBe(5);
  });

  it('adds latency to every API response', async () => {
    sim().setLatency(50);
    const started = Date.now();
    await call(sim(), 'GET', `/api/v2/accounts/${accountId}/`, { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('GoCardless simulator: /__control over HTTP', () => {
  const sim = useGoCardlessSimulator();
  const control = async (method: string, path: string, json?: unknown) =>
    call(sim(), method, `/__control${path}`, { json });

  it('seeds, moves the clock, fails and expires, and reads counters', async () => {
    const seeded = await control('POST', '/seed/requisition', {
      accounts: [{ booked: 2, pending: 1 }],
    });
    expect(seeded.status).toBe(200);
    const { accounts, agreementId } = seeded.body as {
      agreementId: string;
      accounts: { id: string; pending: { key: string }[] }[];
    };
    const accountId = accounts[0].id;

    const set = await control('PUT', '/clock', { now: Date.parse('2026-02-01T00:00:00Z') });
    expect(set.body).toEqual({ now: expect.any(Number) });
    const advanced = await control('POST', '/clock/advance', { ms: 60_000 });
    expect((advanced.body as { now: number }).now).toBeGreaterThanOrEqual(
      Date.parse('2026-02-01T00:01:00Z'),
    );

    expect(
      (await control('PUT', `/accounts/${accountId}/limits`, { successLimit: 7 })).status,
    ).toBe(204);
    const limits = await control('GET', `/accounts/${accountId}/limits`);
    expect(limits.body).toMatchObject({ transactions: { limit: 7, remaining: 7 } });

    const booked = await control('POST', `/transactions/${accounts[0].pending[0].key}/book`, {});
    expect(booked.body).toMatchObject({ booked: true, internalTransactionId: expect.any(String) });

    expect(
      (
        await control('POST', `/accounts/${accountId}/fail`, {
          error: 'UnknownRequestError',
          times: 1,
        })
      ).status,
    ).toBe(204);
    const token = await accessToken(sim());
    const failed = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/details/`, { token });
    expect(failed.status).toBe(500);

    expect(
      (await control('POST', `/agreements/${agreementId}/expire`, { status: 401 })).status,
    ).toBe(204);
    const expired = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/details/`, { token });
    expect(expired.status).toBe(401);

    const counters = await control('GET', '/counters');
    expect(counters.body).toMatchObject({
      byRoute: { 'token.new': 1, 'accounts.details': 2 },
      byStatus: { '500': 1, '401': 1 },
    });
    expect(
      (await control('PUT', `/accounts/${accountId}/status`, { status: 'BROKEN' })).status,
    ).toBe(400);
    expect((await control('GET', '/nope')).status).toBe(404);
  });

  it('sets the link outcome and the chaos switches', async () => {
    expect((await control('PUT', '/link-outcome', { kind: 'cancel' })).status).toBe(204);
    const token = await accessToken(sim());
    const created = await call(sim(), 'POST', '/api/v2/requisitions/', {
      token,
      json: { redirect: 'https://app.example/cb', institution_id: SANDBOX_INSTITUTION_ID },
    });
    const { link } = created.body as { link: string };
    const page = await fetch(link, { redirect: 'manual' });
    expect(page.headers.get('location')).toContain('error=UserCancelledSession');

    expect((await control('PUT', '/chaos', { bareRateLimit: true })).status).toBe(204);
    expect((await control('GET', '/chaos')).body).toMatchObject({
      switches: { bareRateLimit: true },
    });
    expect((await control('DELETE', '/chaos')).status).toBe(204);
  });

  it('denies every API call with 403 IpAccessDenied while switched on', async () => {
    const token = await accessToken(sim());
    expect((await control('PUT', '/ip-denied', { denied: true })).status).toBe(204);
    const denied = await call(sim(), 'GET', '/api/v2/institutions/', { token });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ summary: 'IP address access denied', status_code: 403 });
    expect(denied.headers.get('http_x_ratelimit_remaining')).toMatch(/^\d+$/);
    await control('PUT', '/ip-denied', { denied: false });
    expect((await call(sim(), 'GET', '/api/v2/institutions/', { token })).status).toBe(200);
  });
});

describe('GoCardless simulator: bulk data at start', () => {
  const sim = useGoCardlessSimulator({
    bulk: { accounts: 1_000, bookedPerAccount: 5 },
    latencyMs: 50,
  });

  it('starts with 1,000 linked accounts, each readable', async () => {
    const token = await accessToken(sim());
    const listed = await call(sim(), 'GET', '/api/v2/requisitions/?limit=1', { token });
    const page = listed.body as { count: number; results: { accounts: string[] }[] };
    expect(page.count).toBe(1_000);
    const accountId = page.results[0].accounts[0];
    const response = await call(sim(), 'GET', `/api/v2/accounts/${accountId}/transactions/`, {
      token,
    });
    expect(
      (response.body as { transactions: { booked: unknown[] } }).transactions.booked,
    ).toHaveLength(5);
  });
});
