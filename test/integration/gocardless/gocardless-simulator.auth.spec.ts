import { STRICT_INSTITUTION_ID, startGoCardlessSimulator } from '../../simulators/gocardless';
import {
  accessToken,
  call,
  useGoCardlessSimulator,
} from '../../simulators/gocardless/gocardless-simulator.testing';

interface TokenPair {
  access: string;
  access_expires: number;
  refresh: string;
  refresh_expires: number;
}

const claims = (jwt: string): { exp: number; iat: number; token_type: string } =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as {
    exp: number;
    iat: number;
    token_type: string;
  };

const INVALID_TOKEN = {
  summary: 'Invalid token',
  detail: expect.any(String),
  status_code: 401,
};

describe('GoCardless simulator: tokens', () => {
  const sim = useGoCardlessSimulator();

  it('issues a JWT pair whose exp matches access_expires (24 h) and refresh_expires (30 d)', async () => {
    const response = await call(sim(), 'POST', '/api/v2/token/new/', {
      json: { secret_id: sim().secretId, secret_key: sim().secretKey },
    });
    expect(response.status).toBe(200);
    const pair = response.body as TokenPair;
    expect(pair).toMatchObject({ access_expires: 86_400, refresh_expires: 2_592_000 });
    const access = claims(pair.access);
    expect(access.exp - access.iat).toBe(86_400);
    expect(Math.abs(access.exp * 1000 - (sim().now() + 86_400_000))).toBeLessThan(2_000);
    expect(claims(pair.refresh).exp - claims(pair.refresh).iat).toBe(2_592_000);
  });

  it('answers wrong secrets with 401 Authentication failed', async () => {
    const response = await call(sim(), 'POST', '/api/v2/token/new/', {
      json: { secret_id: sim().secretId, secret_key: 'wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ summary: 'Authentication failed', status_code: 401 });
  });

  it('answers a garbage, missing or expired access token with the documented 401', async () => {
    const garbage = await call(sim(), 'GET', '/api/v2/institutions/?country=GB', {
      token: 'not.a.jwt',
    });
    expect(garbage.status).toBe(401);
    expect(garbage.body).toEqual(INVALID_TOKEN);
    const missing = await call(sim(), 'GET', '/api/v2/institutions/?country=GB');
    expect(missing.status).toBe(401);

    const token = await accessToken(sim());
    expect((await call(sim(), 'GET', '/api/v2/institutions/', { token })).status).toBe(200);
    sim().advanceClock(86_400_000 + 1_000);
    const expired = await call(sim(), 'GET', '/api/v2/institutions/', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(INVALID_TOKEN);
  });

  it('refreshes an access token with the refresh token until the refresh token expires', async () => {
    const pair = (
      await call(sim(), 'POST', '/api/v2/token/new/', {
        json: { secret_id: sim().secretId, secret_key: sim().secretKey },
      })
    ).body as TokenPair;
    sim().advanceClock(2 * 86_400_000);
    const refreshed = await call(sim(), 'POST', '/api/v2/token/refresh/', {
      json: { refresh: pair.refresh },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ access: expect.any(String), access_expires: 86_400 });
    const { access } = refreshed.body as { access: string };
    expect((await call(sim(), 'GET', '/api/v2/institutions/', { token: access })).status).toBe(200);
    // An access token is no refresh token.
    const wrongKind = await call(sim(), 'POST', '/api/v2/token/refresh/', {
      json: { refresh: access },
    });
    expect(wrongKind.body).toEqual(INVALID_TOKEN);
    sim().advanceClock(30 * 86_400_000);
    const late = await call(sim(), 'POST', '/api/v2/token/refresh/', {
      json: { refresh: pair.refresh },
    });
    expect(late.status).toBe(401);
    expect(late.body).toEqual(INVALID_TOKEN);
  });

  it('makes every issued token invalid on request', async () => {
    const token = await accessToken(sim());
    sim().invalidateTokens();
    const response = await call(sim(), 'GET', '/api/v2/institutions/', { token });
    expect(response.body).toEqual(INVALID_TOKEN);
  });
});

describe('GoCardless simulator: /token/new/ has its own hourly limit', () => {
  const sim = useGoCardlessSimulator({
    apiLimits: { 'token-new': { limit: 3, periodSeconds: 3600 } },
  });

  it('answers the fourth call in an hour with 429 and counts every call', async () => {
    sim().setClock(Date.parse('2026-03-01T10:00:00Z'));
    const json = { secret_id: sim().secretId, secret_key: sim().secretKey };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await call(sim(), 'POST', '/api/v2/token/new/', { json })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(sim(), 'POST', '/api/v2/token/new/', { json });
    expect(limited.body).toEqual({
      summary: 'Rate limit exceeded',
      detail: expect.stringMatching(
        /^The rate limit for this resource is 3\/hour\. Please try again in 3[56]\d\d seconds$/,
      ),
      status_code: 429,
    });
    expect(limited.headers.get('http_x_ratelimit_limit')).toBe('3');
    expect(limited.headers.get('http_x_ratelimit_remaining')).toBe('0');
    expect(sim().counters().byRoute['token.new']).toBe(5);
    expect(sim().counters().tokensIssued).toBe(3);
    expect(sim().counters().rateLimited).toMatchObject({ api: 2, total: 2 });

    sim().advanceClock(3_600_000);
    expect((await call(sim(), 'POST', '/api/v2/token/new/', { json })).status).toBe(200);
  });
});

describe('GoCardless simulator: a second company', () => {
  it('accepts only the configured secrets', async () => {
    const sim = await startGoCardlessSimulator({
      secrets: [{ secretId: 'a', secretKey: 'b' }],
    });
    try {
      expect(sim.secretId).toBe('a');
      const token = await accessToken(sim);
      const institution = await call(sim, 'GET', `/api/v2/institutions/${STRICT_INSTITUTION_ID}/`, {
        token,
      });
      expect(institution.status).toBe(200);
    } finally {
      await sim.stop();
    }
  });
});
