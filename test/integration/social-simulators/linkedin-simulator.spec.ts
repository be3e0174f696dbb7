import { DAY_MS } from '../../simulators/shared';
import { simCall } from '../../simulators/shared/sim-call.testing';
import {
  startLinkedInSimulator,
  type LinkedInGrant,
  type LinkedInSimulator,
} from '../../simulators/linkedin';

const ORG = '1001';
const ORG_URN = `urn:li:organization:${ORG}`;
const encode = (urn: string): string => encodeURIComponent(urn);

describe('LinkedIn simulator', () => {
  let sim: LinkedInSimulator;
  let grant: LinkedInGrant;
  const headers = (token = grant.accessToken, version = '202601'): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    'linkedin-version': version,
    'x-restli-protocol-version': '2.0.0',
  });
  const get = (path: string, extra?: Record<string, string>) =>
    simCall(sim.url, 'GET', path, { headers: { ...headers(), ...extra } });

  beforeAll(async () => {
    sim = await startLinkedInSimulator({ now: () => Date.UTC(2026, 11, 4, 12) });
    sim.control.seed({ accounts: 1, postsPerAccount: 25 });
  });
  beforeEach(() => {
    grant = sim.control.authorizeMember('member-1');
    sim.control.resetCounters();
  });
  afterAll(() => sim.stop());

  describe('versions and protocol headers', () => {
    it('refuses a call without LinkedIn-Version or the Rest.li protocol header', async () => {
      const noVersion = await simCall(
        sim.url,
        'GET',
        `/rest/posts?q=author&author=${encode(ORG_URN)}`,
        {
          headers: {
            authorization: `Bearer ${grant.accessToken}`,
            'x-restli-protocol-version': '2.0.0',
          },
        },
      );
      expect(noVersion.status).toBe(400);
      const noProtocol = await simCall(
        sim.url,
        'GET',
        `/rest/posts?q=author&author=${encode(ORG_URN)}`,
        {
          headers: { authorization: `Bearer ${grant.accessToken}`, 'linkedin-version': '202601' },
        },
      );
      expect(noProtocol.status).toBe(400);
    });

    it('answers a retired version 426 NONEXISTENT_VERSION', async () => {
      const response = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`, {
        'linkedin-version': '202401',
      });
      expect(response.status).toBe(426);
      expect(response.json).toMatchObject({ status: 426, code: 'NONEXISTENT_VERSION' });
      expect(response.json.serviceErrorCode).toEqual(expect.any(Number));
    });
  });

  describe('posts', () => {
    it('pages with start/count in a stable order and ends on a short page', async () => {
      const ids: string[] = [];
      for (let start = 0; ; start += 10) {
        const page = await get(
          `/rest/posts?q=author&author=${encode(ORG_URN)}&start=${start}&count=10`,
        );
        expect(page.json.paging).toEqual({ start, count: 10 });
        ids.push(...page.json.elements.map((post: { id: string }) => post.id));
        if (page.json.elements.length < 10) break;
      }
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
      expect(ids.some((id) => id.startsWith('urn:li:share:'))).toBe(true);
      expect(ids.some((id) => id.startsWith('urn:li:ugcPost:'))).toBe(true);
      const first = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}&count=1`);
      expect(first.json.elements[0].createdAt).toBeGreaterThan(1_000_000_000_000);
    });
  });

  describe('statistics', () => {
    let shares: string[];
    let ugcPosts: string[];
    beforeAll(async () => {
      const page = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}&count=25`);
      const ids: string[] = page.json.elements.map((post: { id: string }) => post.id);
      shares = ids.filter((id) => id.startsWith('urn:li:share:')).slice(0, 3);
      ugcPosts = ids.filter((id) => id.startsWith('urn:li:ugcPost:')).slice(0, 2);
    });
    const statsPath = (shareList: string[], ugcList: string[]): string =>
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encode(ORG_URN)}` +
      `&shares=List(${shareList.map(encode).join(',')})&ugcPosts=List(${ugcList.map(encode).join(',')})`;

    it('returns lifetime totals per URN that only grow', async () => {
      const before = await get(statsPath(shares, ugcPosts));
      expect(before.status).toBe(200);
      expect(before.json.elements).toHaveLength(5);
      sim.control.growStatistics();
      const after = await get(statsPath(shares, ugcPosts));
      after.json.elements.forEach(
        (element: { totalShareStatistics: Record<string, number> }, i: number) => {
          const earlier = before.json.elements[i].totalShareStatistics;
          expect(element.totalShareStatistics.impressionCount).toBeGreaterThanOrEqual(
            earlier.impressionCount,
          );
          expect(element.totalShareStatistics.likeCount).toBeGreaterThanOrEqual(earlier.likeCount);
        },
      );
    });

    it('answers 403 ACCESS_DENIED for a ugcPost URN in shares=', async () => {
      const response = await get(statsPath([ugcPosts[0]], []));
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ code: 'ACCESS_DENIED', serviceErrorCode: 100 });
      expect(response.json.message).toContain('shares[0]');
    });

    it('rejects raw colons and encoded parentheses inside List()', async () => {
      const raw = await get(
        statsPath([], []).replace('shares=List()', `shares=List(${shares[0]})`),
      );
      expect(raw.status).toBe(400);
      const encoded = await get(
        statsPath([], []).replace('shares=List()', `shares=List%28${encode(shares[0])}%29`),
      );
      expect(encoded.status).toBe(400);
    });

    it('leaves a retired metric out of totalShareStatistics', async () => {
      sim.control.retireMetric('uniqueImpressionsCount');
      const response = await get(statsPath(shares, []));
      sim.control.restoreMetric('uniqueImpressionsCount');
      expect(response.json.elements[0].totalShareStatistics).not.toHaveProperty(
        'uniqueImpressionsCount',
      );
      expect(response.json.elements[0].totalShareStatistics).toHaveProperty('impressionCount');
    });

    it('answers 414 past 8 KB and the same query tunneled through POST', async () => {
      const many = Array.from({ length: 200 }, (_, i) => `urn:li:share:${9_000_000_000 + i}`);
      const long = statsPath([...shares, ...many], []);
      expect((await get(long)).status).toBe(414);
      const tunneled = await simCall(sim.url, 'POST', '/rest/organizationalEntityShareStatistics', {
        headers: { ...headers(), 'x-http-method-override': 'GET' },
        form: long.slice(long.indexOf('?') + 1),
      });
      expect(tunneled.status).toBe(200);
      expect(tunneled.json.elements).toHaveLength(3);
    });
  });

  describe('socialMetadata', () => {
    it('answers one URN, a batch with statuses, and 404 for a deleted post', async () => {
      const [kept, deleted] = [sim.control.addPost(ORG), sim.control.addPost(ORG)];
      sim.control.deletePost(deleted.id);
      const one = await get(`/rest/socialMetadata/${encode(kept.id)}`);
      expect(one.json.commentSummary).toEqual(
        expect.objectContaining({ count: expect.any(Number) }),
      );
      expect(one.json.reactionSummaries.LIKE.count).toEqual(expect.any(Number));
      expect((await get(`/rest/socialMetadata/${encode(deleted.id)}`)).status).toBe(404);
      const batch = await get(
        `/rest/socialMetadata?ids=List(${encode(kept.id)},${encode(deleted.id)})`,
      );
      expect(batch.json.statuses).toEqual({ [kept.id]: 200, [deleted.id]: 404 });
    });
  });

  describe('tokens', () => {
    it('answers 401 EXPIRED_ACCESS_TOKEN once 60 days pass, and a refresh keeps the first expiry', async () => {
      sim.control.advanceClock(60 * DAY_MS);
      const expired = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`);
      expect(expired.status).toBe(401);
      expect(expired.json.code).toBe('EXPIRED_ACCESS_TOKEN');
      const form = `grant_type=refresh_token&refresh_token=${grant.refreshToken}&client_id=${sim.clientId}&client_secret=${sim.clientSecret}`;
      const refreshed = await simCall(sim.url, 'POST', '/oauth/v2/accessToken', { form });
      expect(refreshed.json).toMatchObject({
        expires_in: 5_184_000,
        refresh_token: grant.refreshToken,
      });
      expect(refreshed.json.refresh_token_expires_in).toBe(305 * 86_400);
      expect(
        (
          await get(
            `/rest/posts?q=author&author=${encode(ORG_URN)}`,
            headers(refreshed.json.access_token),
          )
        ).status,
      ).toBe(200);
      sim.control.advanceClock(305 * DAY_MS);
      const late = await simCall(sim.url, 'POST', '/oauth/v2/accessToken', { form });
      expect(late.json).toMatchObject({ error: 'invalid_grant' });
    });

    it('answers 401 REVOKED_ACCESS_TOKEN for a revoked token', async () => {
      sim.control.revokeTokens('member-1');
      const response = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`);
      expect(response.json).toMatchObject({ status: 401, code: 'REVOKED_ACCESS_TOKEN' });
    });
  });

  describe('daily limits', () => {
    afterEach(() =>
      sim.control.setLimits({ memberPerDay: null, appPerDay: null, infrastructureThrottleRate: 0 }),
    );

    it('answers a bare 429 past the member budget until midnight UTC', async () => {
      const now = sim.control.now();
      sim.control.setClock(Math.ceil(now / DAY_MS) * DAY_MS - 60_000);
      sim.control.setLimits({ memberPerDay: 2 });
      const path = `/rest/posts?q=author&author=${encode(ORG_URN)}&count=1`;
      const statuses = [(await get(path)).status, (await get(path)).status];
      const limited = await get(path);
      expect(statuses).toEqual([200, 200]);
      expect(limited.status).toBe(429);
      expect(limited.json.message).toContain('Resource level throttle limit');
      expect(limited.json.message).toContain('DAY limit');
      expect(limited.headers.get('retry-after')).toBeNull();
      expect([...limited.headers.keys()].filter((name) => name.includes('rate'))).toEqual([]);
      sim.control.advanceClock(60_000);
      expect((await get(path)).status).toBe(200);
      expect(sim.control.counters()).toMatchObject({ dailyThrottles: 1 });
    });

    it('can answer infrastructure 429s that are not daily limits', async () => {
      sim.control.setLimits({ infrastructureThrottleRate: 1 });
      const response = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`);
      expect(response.status).toBe(429);
      expect(response.json.message).not.toContain('DAY limit');
    });
  });

  describe('counters and faults', () => {
    afterEach(() => sim.control.setChaos({}));

    it('counts requests per route and status, also over /__control', async () => {
      await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`);
      await get(`/rest/socialMetadata/${encode('urn:li:share:1')}`);
      const counters = await simCall(sim.url, 'GET', '/__control/counters');
      expect(counters.json).toMatchObject({
        requests: 2,
        byRoute: { 'posts.list': 1, 'social-metadata.get': 1 },
        byStatus: { '200': 1, '404': 1 },
      });
    });

    it('answers injected 500 and 504 on GETs, once each, with LinkedIn error bodies', async () => {
      const path = `/rest/posts?q=author&author=${encode(ORG_URN)}`;
      sim.control.failNext(500);
      await simCall(sim.url, 'POST', '/__control/failures', {
        json: { status: 504, route: 'posts.list' },
      });
      expect((await get(path)).json).toMatchObject({ status: 500 });
      expect((await get(path)).status).toBe(504);
      expect((await get(path)).status).toBe(200);
    });

    it('injects truncated bodies and resets through the shared fault layer', async () => {
      const put = await simCall(sim.url, 'PUT', '/__control/chaos', {
        json: { truncatedBodies: { rate: 1, routes: ['posts.list'] } },
      });
      expect(put.status).toBe(204);
      const cut = await get(`/rest/posts?q=author&author=${encode(ORG_URN)}`);
      expect(cut.status).toBe(200);
      expect(cut.json).toBeUndefined();
      sim.control.setChaos({ connectionResets: { rate: 1 } });
      await expect(get(`/rest/posts?q=author&author=${encode(ORG_URN)}`)).rejects.toThrow();
    });
  });
});
