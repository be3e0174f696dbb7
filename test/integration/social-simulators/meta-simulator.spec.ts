import { DAY_MS, HOUR_MS } from '../../simulators/shared';
import { simCall, type SimCallResult } from '../../simulators/shared/sim-call.testing';
import { startMetaSimulator, type MetaPageGrant, type MetaSimulator } from '../../simulators/meta';

const POST_FIELDS =
  'id,message,created_time,shares,reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count)';

describe('Meta Graph simulator', () => {
  let sim: MetaSimulator;
  let page: MetaPageGrant;
  const get = (path: string, token = page.pageToken) =>
    simCall(sim.url, 'GET', `${path}${path.includes('?') ? '&' : '?'}access_token=${token}`);

  beforeAll(async () => {
    sim = await startMetaSimulator({ now: () => Date.UTC(2026, 11, 4, 12, 10) });
    [page] = sim.control.seed({ accounts: 1, postsPerAccount: 12 });
  });
  beforeEach(() => {
    sim.control.clearUsage();
    sim.control.resetCounters();
  });
  afterAll(() => sim.stop());

  describe('versions', () => {
    it('answers an inactive Graph version with code 2635', async () => {
      const response = await get(`/v19.0/${page.pageId}/posts`);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ code: 2635, type: 'OAuthException' });
      expect(response.json.error.message).toContain('v25.0');
      sim.control.setActiveVersions(['v25.0']);
      const retired = await get(`/v24.0/${page.pageId}/posts`);
      sim.control.setActiveVersions(['v24.0', 'v25.0']);
      expect(retired.json.error.code).toBe(2635);
    });
  });

  describe('posts and paging', () => {
    it('projects fields with nested summaries and follows full next URLs to the end', async () => {
      let next: string | undefined =
        `${sim.url}/v25.0/${page.pageId}/posts?fields=${POST_FIELDS}&limit=5&access_token=${page.pageToken}`;
      const ids: string[] = [];
      while (next) {
        const response = await simCall(sim.url, 'GET', next);
        expect(response.status).toBe(200);
        ids.push(...response.json.data.map((post: { id: string }) => post.id));
        const first = response.json.data[0];
        expect(first.reactions.summary.total_count).toEqual(expect.any(Number));
        expect(first.shares.count).toEqual(expect.any(Number));
        next = response.json.paging.next;
        if (next) expect(next).toContain(`access_token=${page.pageToken}`);
      }
      expect(new Set(ids).size).toBe(12);
    });

    it('can serve an empty page that still has next', async () => {
      sim.control.setSettings({ emptyPagesBetween: true });
      const first = await get(`/v25.0/${page.pageId}/posts?limit=5`);
      const empty = await simCall(sim.url, 'GET', first.json.paging.next);
      sim.control.setSettings({ emptyPagesBetween: false });
      expect(empty.json.data).toEqual([]);
      expect(empty.json.paging.next).toEqual(expect.any(String));
      const after = await simCall(sim.url, 'GET', empty.json.paging.next);
      expect(after.json.data).toHaveLength(5);
    });

    it('refuses an unknown field', async () => {
      const response = await get(`/v25.0/${page.pageId}/posts?fields=id,impressions`);
      expect(response.json.error.code).toBe(100);
    });

    it('lists Instagram media with the same cursor paging', async () => {
      const response = await get(
        `/v25.0/${page.igUserId}/media?fields=id,like_count,comments_count,timestamp`,
      );
      expect(response.json.data).toHaveLength(12);
      expect(response.json.paging.next).toBeUndefined();
    });
  });

  describe('insights', () => {
    let postId: string;
    let mediaId: string;
    beforeAll(async () => {
      postId = (await get(`/v25.0/${page.pageId}/posts?limit=1`)).json.data[0].id;
      mediaId = (await get(`/v25.0/${page.igUserId}/media?limit=1`)).json.data[0].id;
    });

    it('returns lifetime values for valid metrics', async () => {
      const response = await get(
        `/v25.0/${postId}/insights?metric=post_total_media_view_unique,post_reactions_by_type_total`,
      );
      expect(response.json.data).toHaveLength(2);
      expect(response.json.data[0]).toMatchObject({
        name: 'post_total_media_view_unique',
        period: 'lifetime',
      });
      expect(response.json.data[1].values[0].value).toEqual(
        expect.objectContaining({ like: expect.any(Number) }),
      );
    });

    it('fails the whole call with (#100) when one metric is retired', async () => {
      const response = await get(`/v25.0/${postId}/insights?metric=post_clicks,post_impressions`);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({
        code: 100,
        message: '(#100) The value must be a valid insights metric',
      });
      sim.control.retireMetric('post_clicks');
      const later = await get(`/v25.0/${postId}/insights?metric=post_clicks`);
      sim.control.restoreMetric('post_clicks');
      expect(later.json.error.code).toBe(100);
      expect((await get(`/v25.0/${mediaId}/insights?metric=impressions`)).json.error.code).toBe(
        100,
      );
      expect(sim.control.counters()).toMatchObject({ invalidMetricErrors: 3 });
    });

    it('answers a missing metric with 3001/1504028, empty data and IG code 10', async () => {
      const missing = await get(`/v25.0/${postId}/insights`);
      expect(missing.json.error).toMatchObject({ code: 3001, error_subcode: 1504028 });
      sim.control.setInsightsMode(postId, 'empty');
      expect((await get(`/v25.0/${postId}/insights?metric=post_clicks`)).json).toEqual({
        data: [],
      });
      sim.control.setInsightsMode(mediaId, 'not-enough-viewers');
      expect((await get(`/v25.0/${mediaId}/insights?metric=views`)).json.error.code).toBe(10);
      sim.control.setInsightsMode(postId, 'normal');
      sim.control.setInsightsMode(mediaId, 'normal');
    });
  });

  describe('tokens', () => {
    it('answers code 190/463 for an expired user token and exchanges a short one for 60 days', async () => {
      const short = sim.control.issueUserToken('user-1', 'short');
      sim.control.advanceClock(HOUR_MS);
      const expired = await get(`/v25.0/${page.pageId}/posts`, short);
      expect(expired.json.error).toMatchObject({ code: 190, error_subcode: 463 });
      const fresh = sim.control.issueUserToken('user-1', 'short');
      const exchanged = await simCall(
        sim.url,
        'GET',
        `/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=${sim.clientId}&client_secret=${sim.clientSecret}&fb_exchange_token=${fresh}`,
      );
      expect(exchanged.json).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
      sim.control.advanceClock(59 * DAY_MS);
      expect((await get(`/v25.0/${page.pageId}/posts`, exchanged.json.access_token)).status).toBe(
        200,
      );
    });

    it('keeps page tokens alive until revoked (190/460)', async () => {
      sim.control.advanceClock(400 * DAY_MS);
      expect((await get(`/v25.0/${page.pageId}/posts`)).status).toBe(200);
      const other = sim.control.addPage();
      sim.control.revokeTokens(other.pageId);
      const revoked = await get(`/v25.0/${other.pageId}/posts`, other.pageToken);
      expect(revoked.json.error).toMatchObject({ code: 190, error_subcode: 460 });
    });
  });

  describe('rate limits', () => {
    afterEach(() => sim.control.setLimits({ appCallsPerHour: 200, businessCallsPerHour: 200 }));

    it('sends BUC usage only after a few calls, rising, then 400 code 32 with regain minutes', async () => {
      sim.control.setClock(Date.UTC(2026, 11, 6, 10, 20));
      sim.control.setLimits({ businessCallsPerHour: 4 });
      const answers: SimCallResult[] = [];
      for (let i = 0; i < 5; i++) answers.push(await get(`/v25.0/${page.pageId}/posts?limit=1`));
      expect(answers[0].headers.get('x-business-use-case-usage')).toBeNull();
      const usage = (i: number) =>
        JSON.parse(answers[i].headers.get('x-business-use-case-usage') ?? '{}')[page.pageId][0];
      expect(usage(2)).toMatchObject({ type: 'pages', call_count: 75 });
      expect(usage(3)).toMatchObject({ call_count: 100 });
      expect(answers[4].status).toBe(400);
      expect(answers[4].json.error).toMatchObject({ code: 32, is_transient: true });
      expect(usage(4).estimated_time_to_regain_access).toBe(40);
      expect(sim.control.counters()).toMatchObject({ throttled: 1 });
    });

    it('sends X-App-Usage for user tokens and answers code 4 past 100 %', async () => {
      const token = sim.control.issueUserToken('user-2');
      sim.control.setLimits({ appCallsPerHour: 3 });
      const answers: SimCallResult[] = [];
      for (let i = 0; i < 4; i++)
        answers.push(await get(`/v25.0/${page.pageId}/posts?limit=1`, token));
      expect(JSON.parse(answers[2].headers.get('x-app-usage') ?? '{}')).toMatchObject({
        call_count: 100,
      });
      expect(answers[3].json.error).toMatchObject({
        code: 4,
        message: '(#4) Application request limit reached',
      });
    });

    it('meters Instagram calls as the instagram use case and throttles them with 80002', async () => {
      sim.control.setLimits({ businessCallsPerHour: 1, usageHeadersFromCall: 1 });
      const media = await get(`/v25.0/${page.igUserId}/media?limit=1`);
      const usage = JSON.parse(media.headers.get('x-business-use-case-usage') ?? '{}');
      expect(usage[page.pageId][0]).toMatchObject({ type: 'instagram', call_count: 100 });
      const mediaId = media.json.data[0].id;
      const refused = await get(`/v25.0/${mediaId}/insights?metric=views`);
      sim.control.setLimits({ usageHeadersFromCall: 3 });
      expect(refused.json.error.code).toBe(80002);
    });

    it.each([17, 613, 80002] as const)('can force throttle code %i', async (code) => {
      sim.control.forceThrottle(code);
      const response = await get(`/v25.0/${page.pageId}/posts?limit=1`);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe(code);
    });
  });

  describe('control endpoint and faults', () => {
    afterEach(() => sim.control.setChaos({}));

    it('seeds and throttles over HTTP and counts per route', async () => {
      const created = await simCall(sim.url, 'POST', '/__control/pages');
      expect(created.json.pageToken).toEqual(expect.any(String));
      expect(
        (await simCall(sim.url, 'POST', '/__control/throttle', { json: { code: 5 } })).status,
      ).toBe(400);
      await get(`/v25.0/${page.pageId}/posts?limit=1`);
      const counters = await simCall(sim.url, 'GET', '/__control/counters');
      expect(counters.json).toMatchObject({
        requests: 1,
        byRoute: { 'page.posts': 1 },
        byStatus: { '200': 1 },
      });
    });

    it('answers injected 5xx through the shared fault layer', async () => {
      await simCall(sim.url, 'PUT', '/__control/chaos', {
        json: { nonGetServerErrors: { rate: 1, status: 500 } },
      });
      const response = await simCall(sim.url, 'POST', `/v25.0/${page.pageId}/posts`);
      expect(response.status).toBe(500);
      expect(response.json.error.is_transient).toBe(true);
    });
  });
});
