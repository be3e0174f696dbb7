import { HOUR_MS } from '../../simulators/shared';
import { simCall } from '../../simulators/shared/sim-call.testing';
import { startXSimulator, type XGrant, type XSimulator } from '../../simulators/x';

const NOW = Date.UTC(2026, 11, 4, 12, 7);

describe('X simulator', () => {
  let sim: XSimulator;
  let grant: XGrant;
  let userId: string;
  const get = (path: string, token = grant.accessToken) =>
    simCall(sim.url, 'GET', path, { headers: { authorization: `Bearer ${token}` } });
  const timeline = (query = '') => get(`/2/users/${userId}/tweets${query}`);

  beforeAll(async () => {
    sim = await startXSimulator({ now: () => NOW });
    [userId] = sim.control.seed({ accounts: 1, postsPerAccount: 23 }).users;
    sim.control.addPost(userId, { createdAt: NOW - 40 * 24 * HOUR_MS });
  });
  beforeEach(() => {
    grant = sim.control.authorizeUser(userId);
    sim.control.resetCounters();
  });
  afterAll(() => sim.stop());

  describe('pagination', () => {
    it('chains opaque next_token pages and leaves it out on the last one', async () => {
      const ids: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await timeline(`?max_results=10${token ? `&pagination_token=${token}` : ''}`);
        expect(page.status).toBe(200);
        ids.push(...page.json.data.map((post: { id: string }) => post.id));
        expect(page.json.meta.result_count).toBe(page.json.data.length);
        token = page.json.meta.next_token;
        pages += 1;
      } while (token);
      expect(pages).toBe(3);
      expect(new Set(ids).size).toBe(24);
      expect(sim.control.counters()).toMatchObject({ reads: 24, readsByUser: { [userId]: 24 } });
    });

    it('answers 400 for a page token reused with another max_results', async () => {
      const first = await timeline('?max_results=10');
      const mixed = await timeline(
        `?max_results=20&pagination_token=${first.json.meta.next_token}`,
      );
      expect(mixed.status).toBe(400);
      expect(mixed.json.errors[0].parameters).toHaveProperty('pagination_token');
    });
  });

  describe('parameters', () => {
    it.each(['4', '101', 'ten'])(
      'refuses max_results=%s, naming the parameter and value',
      async (value) => {
        const response = await timeline(`?max_results=${value}`);
        expect(response.status).toBe(400);
        expect(response.json.type).toBe('https://api.x.com/2/problems/invalid-request');
        expect(response.json.errors[0].parameters).toEqual({ max_results: [value] });
      },
    );

    it('refuses a malformed or too early start_time', async () => {
      expect((await timeline('?start_time=2026-12-01')).status).toBe(400);
      expect((await timeline('?start_time=2009-01-01T00:00:00Z')).status).toBe(400);
      const since = new Date(NOW - 24 * HOUR_MS).toISOString();
      const recent = await timeline(`?max_results=100&start_time=${since}&tweet.fields=created_at`);
      for (const post of recent.json.data ?? [])
        expect(Date.parse(post.created_at)).toBeGreaterThanOrEqual(NOW - 24 * HOUR_MS);
    });
  });

  describe('metrics', () => {
    const fields =
      '?max_results=100&tweet.fields=created_at,public_metrics,non_public_metrics,organic_metrics';

    it('serves private metrics only on own posts younger than 30 days', async () => {
      const own = await timeline(fields);
      const posts: { created_at: string; public_metrics: object; non_public_metrics?: object }[] =
        own.json.data;
      expect(posts.every((post) => post.public_metrics)).toBe(true);
      const old = posts.filter((post) => Date.parse(post.created_at) < NOW - 30 * 24 * HOUR_MS);
      expect(old).toHaveLength(1);
      expect(old[0].non_public_metrics).toBeUndefined();
      expect(posts.filter((post) => post.non_public_metrics)).toHaveLength(23);
      expect(own.json.errors).toBeUndefined();
    });

    it('answers an app-only token with public metrics and field-unauthorized errors inside the 200', async () => {
      const response = await get(`/2/users/${userId}/tweets${fields}`, sim.control.appBearerToken);
      expect(response.status).toBe(200);
      expect(response.json.data[0].non_public_metrics).toBeUndefined();
      expect(response.json.errors.map((e: { type: string }) => e.type)).toEqual([
        'https://api.x.com/2/problems/field-unauthorized',
        'https://api.x.com/2/problems/field-unauthorized',
      ]);
    });

    it('refuses a retired tweet.fields value as an invalid request', async () => {
      sim.control.retireMetric('organic_metrics');
      const response = await timeline(fields);
      sim.control.restoreMetric('organic_metrics');
      expect(response.status).toBe(400);
      expect(response.json.errors[0].parameters).toEqual({ 'tweet.fields': ['organic_metrics'] });
    });

    it('can name reposts repost_count, as the 2026 OpenAPI spec does', async () => {
      sim.control.setSettings({ repostMetricName: 'repost_count' });
      const response = await timeline('?tweet.fields=public_metrics');
      sim.control.setSettings({ repostMetricName: 'retweet_count' });
      expect(response.json.data[0].public_metrics).toHaveProperty('repost_count');
      expect(response.json.data[0].public_metrics).not.toHaveProperty('retweet_count');
    });
  });

  describe('tokens', () => {
    it('expires user tokens after 2 hours; refresh tokens rotate and work once', async () => {
      sim.control.advanceClock(2 * HOUR_MS);
      expect((await timeline()).status).toBe(401);
      const form = `grant_type=refresh_token&client_id=${sim.clientId}&refresh_token=${grant.refreshToken}`;
      const refreshed = await simCall(sim.url, 'POST', '/2/oauth2/token', { form });
      expect(refreshed.json).toMatchObject({ expires_in: 7200, token_type: 'bearer' });
      expect(refreshed.json.refresh_token).not.toBe(grant.refreshToken);
      expect((await get(`/2/users/${userId}/tweets`, refreshed.json.access_token)).status).toBe(
        200,
      );
      const reused = await simCall(sim.url, 'POST', '/2/oauth2/token', { form });
      expect(reused.status).toBe(400);
      expect(reused.json.error).toBe('invalid_request');
      expect(sim.control.counters()).toMatchObject({ tokenRefreshes: 1 });
    });
  });

  describe('rate limits', () => {
    afterEach(() => sim.control.setLimits({ perUserWindow: 900, usageCapped: false }));

    it('sends x-rate-limit-* on every answer and 429 with remaining 0 past the 15-minute window', async () => {
      sim.control.setClock(Date.UTC(2026, 11, 5, 9, 1));
      grant = sim.control.authorizeUser(userId);
      sim.control.setLimits({ perUserWindow: 2 });
      const first = await timeline();
      expect(first.headers.get('x-rate-limit-limit')).toBe('2');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
      expect(first.headers.get('x-rate-limit-reset')).toBe(
        String(Date.UTC(2026, 11, 5, 9, 15) / 1000),
      );
      await timeline();
      const limited = await timeline();
      expect(limited.status).toBe(429);
      expect(limited.json).toMatchObject({ title: 'Too Many Requests', status: 429 });
      expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
      sim.control.advanceClock(14 * 60_000);
      expect((await timeline()).status).toBe(200);
      expect(sim.control.counters()).toMatchObject({ rateLimited: 1 });
    });

    it('answers the monthly usage cap with its own 429 body', async () => {
      sim.control.setLimits({ usageCapped: true });
      const capped = await timeline();
      expect(capped.status).toBe(429);
      expect(capped.json).toMatchObject({ title: 'UsageCapExceeded', period: 'Monthly' });
    });
  });

  describe('control endpoint and faults', () => {
    afterEach(() => sim.control.setChaos({}));

    it('counts requests per route and reads over /__control', async () => {
      await timeline('?max_results=5');
      const counters = await simCall(sim.url, 'GET', '/__control/counters');
      expect(counters.json).toMatchObject({
        requests: 1,
        byRoute: { 'users.tweets': 1 },
        reads: 5,
      });
      await simCall(sim.url, 'POST', '/__control/counters/reset');
      expect(sim.control.counters()).toMatchObject({ requests: 0, reads: 0 });
    });

    it('sends slow bodies and added latency through the shared layer', async () => {
      await simCall(sim.url, 'PUT', '/__control/latency', { json: { ms: 150 } });
      const started = Date.now();
      await timeline();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      sim.control.setLatency(0);
      sim.control.setChaos({ slowBodies: { rate: 1, delayMs: 300 } });
      const slow = Date.now();
      expect((await timeline()).status).toBe(200);
      expect(Date.now() - slow).toBeGreaterThanOrEqual(290);
      expect(sim.control.counters().chaos).toMatchObject({ slowBodies: 1 });
    });
  });
});
