import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';

describe('Powens simulator: users and tokens', () => {
  const sim = useSimulator();
  const credentials = () => ({ client_id: sim().clientId, client_secret: sim().clientSecret });

  it('creates a new user with a permanent token (no expires_in) from client credentials', async () => {
    const first = await call(sim(), 'POST', '/2.0/auth/init', { json: credentials() });
    const second = await call(sim(), 'POST', '/2.0/auth/init', { json: credentials() });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ auth_token: expect.any(String), type: 'permanent', id_user: 1 });
    expect(second.body).toMatchObject({ type: 'permanent', id_user: 2 });
    const { auth_token } = first.body as { auth_token: string };
    sim().control.advanceClock(365 * 86_400_000);
    expect(
      (await call(sim(), 'GET', '/2.0/users/me/connections', { token: auth_token })).status,
    ).toBe(200);
  });

  it('gives a 30-minute temporary token without client credentials', async () => {
    const init = await call(sim(), 'POST', '/2.0/auth/init');
    expect(init.body).toMatchObject({ type: 'temporary', expires_in: 1800 });
    const token = (init.body as { auth_token: string }).auth_token;
    expect((await call(sim(), 'GET', '/2.0/users/me/connections', { token })).status).toBe(200);
    sim().control.advanceClock(1800 * 1000);
    const expired = await call(sim(), 'GET', '/2.0/users/me/connections', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'forbidden', description: expect.any(String) });
  });

  it('refuses wrong client credentials and unknown tokens with Powens error bodies', async () => {
    const wrong = await call(sim(), 'POST', '/2.0/auth/init', {
      json: { client_id: sim().clientId, client_secret: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      code: 'forbidden',
      description: expect.any(String),
      message: null,
      request_id: null,
    });
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts', { token: 'garbage' })).status).toBe(
      401,
    );
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts')).status).toBe(401);
  });

  it('exchanges a temporary code for a new permanent token; a singleAccess code works once', async () => {
    const { token } = await permanentUser(sim());
    const issued = await call(sim(), 'GET', '/2.0/auth/token/code?type=singleAccess', { token });
    expect(issued.body).toEqual({
      code: expect.any(String),
      type: 'temporary',
      access: 'single',
      expires_in: 1800,
    });
    const { code } = issued.body as { code: string };
    const exchange = () =>
      call(sim(), 'POST', '/2.0/auth/token/access', {
        json: { ...credentials(), code, grant_type: 'authorization_code' },
      });
    const exchanged = await exchange();
    expect(exchanged.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer' });
    const access = (exchanged.body as { access_token: string }).access_token;
    expect(access).not.toBe(token);
    expect((await call(sim(), 'GET', '/2.0/users/me/connections', { token: access })).status).toBe(
      200,
    );
    expect((await exchange()).status).toBe(400);
  });

  it('lets a requestAccess code be used until it expires after 30 minutes', async () => {
    const { token } = await permanentUser(sim());
    const issued = await call(sim(), 'GET', '/2.0/auth/token/code', { token });
    expect(issued.body).toMatchObject({ access: 'standard' });
    const { code } = issued.body as { code: string };
    const exchange = () =>
      call(sim(), 'POST', '/2.0/auth/token/access', { json: { ...credentials(), code } });
    expect((await exchange()).status).toBe(200);
    expect((await exchange()).status).toBe(200);
    sim().control.advanceClock(1800 * 1000);
    expect((await exchange()).status).toBe(400);
  });

  it('renews a token for an existing user, revoking the previous ones only when asked', async () => {
    const { userId, token } = await permanentUser(sim());
    const renew = (revoke_previous: boolean) =>
      call(sim(), 'POST', '/2.0/auth/renew', {
        json: {
          ...credentials(),
          grant_type: 'client_credentials',
          id_user: userId,
          revoke_previous,
        },
      });
    const kept = await renew(false);
    expect(kept.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer' });
    expect((await call(sim(), 'GET', '/2.0/users/me/connections', { token })).status).toBe(200);
    const fresh = (await renew(true)).body as { access_token: string };
    expect((await call(sim(), 'GET', '/2.0/users/me/connections', { token })).status).toBe(401);
    const previous = (kept.body as { access_token: string }).access_token;
    expect(
      (await call(sim(), 'GET', '/2.0/users/me/connections', { token: previous })).status,
    ).toBe(401);
    const current = await call(sim(), 'GET', '/2.0/users/me/connections', {
      token: fresh.access_token,
    });
    expect(current.status).toBe(200);
  });

  it('renews without id_user by creating a user; refuses an unknown one', async () => {
    const created = await call(sim(), 'POST', '/2.0/auth/renew', {
      json: { ...credentials(), grant_type: 'client_credentials' },
    });
    expect(created.status).toBe(200);
    const unknown = await call(sim(), 'POST', '/2.0/auth/renew', {
      json: { ...credentials(), grant_type: 'client_credentials', id_user: 999 },
    });
    expect(unknown.status).toBe(400);
  });

  it('revokes the calling permanent token with DELETE /auth/token', async () => {
    const { token } = await permanentUser(sim());
    expect((await call(sim(), 'DELETE', '/2.0/auth/token', { token })).status).toBe(204);
    expect((await call(sim(), 'GET', '/2.0/users/me/connections', { token })).status).toBe(401);
  });
});
