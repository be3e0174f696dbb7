import { CONNECTION_STATES } from '../../simulators/powens';
import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';

interface ConnectionBody {
  id: number;
  state: string | null;
  error?: string;
  error_message: string | null;
  fields: unknown[] | null;
  last_update: string | null;
}

describe('Powens simulator: webview, connection states and async sync', () => {
  const sim = useSimulator({ sync: { delayMs: 30 } });

  /** A user with one connection made through the webview stub. */
  async function connected(): Promise<{ token: string; connectionId: number }> {
    const { token } = await permanentUser(sim());
    const { code } = (await call(sim(), 'GET', '/2.0/auth/token/code', { token })).body as {
      code: string;
    };
    const query = new URLSearchParams({
      domain: 'sim.biapi.pro',
      client_id: sim().clientId,
      redirect_uri: 'https://app.example/callback',
      code,
      state: 'opaque-42',
    });
    const response = await call(sim(), 'GET', `/webview/fr/connect?${query.toString()}`);
    const location = new URL(response.headers.get('location') ?? '');
    return { token, connectionId: Number(location.searchParams.get('connection_id')) };
  }

  const getConnection = async (token: string, id: number) =>
    (await call(sim(), 'GET', `/2.0/users/me/connections/${id}`, { token })).body as ConnectionBody;

  const requestSync = (token: string, id: number, psuRequested?: boolean) =>
    call(
      sim(),
      'PUT',
      `/2.0/users/me/connections/${id}${psuRequested === undefined ? '' : `?psu_requested=${psuRequested}`}`,
      { token },
    );

  it('webview stub: a temporary code creates a synced connection and redirects with its id and state', async () => {
    const { token } = await permanentUser(sim());
    const { code } = (await call(sim(), 'GET', '/2.0/auth/token/code', { token })).body as {
      code: string;
    };
    const response = await call(
      sim(),
      'GET',
      `/webview/en/connect?client_id=${sim().clientId}&redirect_uri=${encodeURIComponent('https://app.example/cb')}&code=${code}&state=s1`,
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://app.example/cb');
    expect(location.searchParams.get('state')).toBe('s1');
    const id = Number(location.searchParams.get('connection_id'));
    expect(location.searchParams.get('id_connection')).toBe(String(id));
    const connection = await getConnection(token, id);
    expect(connection).toMatchObject({ id, state: null, last_update: expect.any(String) });
    const accounts = (await call(sim(), 'GET', '/2.0/users/me/accounts', { token })).body as {
      accounts: unknown[];
    };
    expect(accounts.accounts).toHaveLength(2);
    const stranger = await call(
      sim(),
      'GET',
      `/webview/en/connect?client_id=999&redirect_uri=https://app.example/cb&code=${code}`,
    );
    expect(stranger.status).toBe(400);
  });

  it('webview stub: a cancelled session redirects with error=access_denied', async () => {
    sim().control.setWebview({ outcome: 'access_denied' });
    const { token } = await permanentUser(sim());
    const { code } = (await call(sim(), 'GET', '/2.0/auth/token/code', { token })).body as {
      code: string;
    };
    const response = await call(
      sim(),
      'GET',
      `/webview/fr/connect?client_id=${sim().clientId}&redirect_uri=https://app.example/cb&code=${code}&state=s2`,
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('s2');
    expect(location.searchParams.has('connection_id')).toBe(false);
  });

  it('walks every connection state with a bank message; fields on wrongpass and additionalInformationNeeded', async () => {
    const { token, connectionId } = await connected();
    for (const state of CONNECTION_STATES) {
      sim().control.setConnectionState(connectionId, state);
      const connection = await getConnection(token, connectionId);
      expect(connection.state).toBe(state);
      expect(connection.error).toBe(state);
      expect(connection.error_message).toEqual(expect.any(String));
      const withFields = state === 'wrongpass' || state === 'additionalInformationNeeded';
      expect(connection.fields === null).toBe(!withFields);
    }
    sim().control.setConnectionState(connectionId, null);
    expect(await getConnection(token, connectionId)).toMatchObject({
      state: null,
      error_message: null,
    });
  });

  it('PUT ?psu_requested=false starts a sync that moves last_update only once it lands', async () => {
    const { token, connectionId } = await connected();
    const before = (await getConnection(token, connectionId)).last_update;
    sim().control.advanceClock(3_600_000);
    const started = await requestSync(token, connectionId, false);
    expect(started.status).toBe(200);
    expect((await getConnection(token, connectionId)).last_update).toBe(before);
    await sim().control.awaitSyncs();
    const after = await getConnection(token, connectionId);
    expect(after.state).toBeNull();
    expect(after.last_update).not.toBe(before);
    expect(Date.parse(`${after.last_update}Z`)).toBeGreaterThan(Date.parse(`${before}Z`));
  });

  it('records psu_requested: true unless the caller sends false', async () => {
    const { token, connectionId } = await connected();
    await requestSync(token, connectionId, false);
    await sim().control.awaitSyncs();
    await requestSync(token, connectionId);
    await sim().control.awaitSyncs();
    expect(
      sim()
        .control.syncRequests()
        .map((r) => r.psuRequested),
    ).toEqual([false, true]);
  });

  it('answers connectionLocked while a sync runs, and tooManySync when asked again too soon', async () => {
    sim().control.configureSync({ minGapMs: 60_000 });
    const { token, connectionId } = await connected();
    expect((await requestSync(token, connectionId, false)).status).toBe(200);
    const locked = await requestSync(token, connectionId, false);
    expect(locked.status).toBe(400);
    expect(locked.body).toMatchObject({
      code: 'connectionLocked',
      description: expect.any(String),
    });
    await sim().control.awaitSyncs();
    const tooSoon = await requestSync(token, connectionId, false);
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body).toMatchObject({ code: 'tooManySync' });
    sim().control.advanceClock(60_000);
    expect((await requestSync(token, connectionId, false)).status).toBe(200);
    expect(
      sim()
        .control.syncRequests()
        .map((r) => r.answer),
    ).toEqual(['started', 'connectionLocked', 'tooManySync', 'started']);
  });

  it('ends a sync in a queued error state without moving last_update', async () => {
    const { token, connectionId } = await connected();
    const before = (await getConnection(token, connectionId)).last_update;
    for (const state of ['websiteUnavailable', 'rateLimiting', 'bug', 'SCARequired'] as const) {
      sim().control.queueSyncOutcome(connectionId, { state });
      sim().control.advanceClock(60_000);
      await requestSync(token, connectionId, false);
      await sim().control.awaitSyncs();
      const connection = await getConnection(token, connectionId);
      expect(connection).toMatchObject({ state, error_message: expect.any(String) });
      expect(connection.last_update).toBe(before);
    }
  });

  it('keeps states only the user can clear; transient ones clear on the next sync', async () => {
    const { token, connectionId } = await connected();
    sim().control.setConnectionState(connectionId, 'wrongpass', 'Mot de passe incorrect');
    await requestSync(token, connectionId, false);
    await sim().control.awaitSyncs();
    expect(await getConnection(token, connectionId)).toMatchObject({ state: 'wrongpass' });
    sim().control.setConnectionState(connectionId, 'websiteUnavailable');
    await requestSync(token, connectionId, false);
    await sim().control.awaitSyncs();
    expect(await getConnection(token, connectionId)).toMatchObject({ state: null });
  });

  it('expiry moves the connection to SCARequired; /webauth reconnects it', async () => {
    const { token, connectionId } = await connected();
    sim().control.expireConnection(connectionId);
    expect(await getConnection(token, connectionId)).toMatchObject({ state: 'SCARequired' });
    const response = await call(
      sim(),
      'GET',
      `/2.0/webauth?client_id=${sim().clientId}&token=${token}&redirect_uri=https://app.example/cb&id_connection=${connectionId}&state=r`,
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('id_connection')).toBe(String(connectionId));
    expect(await getConnection(token, connectionId)).toMatchObject({ state: null });
  });

  it('POST with {"resume": "true"} clears decoupled; ?background=true answers before the sync lands', async () => {
    const { token, connectionId } = await connected();
    sim().control.setConnectionState(connectionId, 'decoupled');
    const resumed = await call(
      sim(),
      'POST',
      `/2.0/users/me/connections/${connectionId}?background=true`,
      { token, json: { resume: 'true' } },
    );
    expect(resumed.status).toBe(200);
    expect((resumed.body as ConnectionBody).state).toBe('validating');
    await sim().control.awaitSyncs();
    expect(await getConnection(token, connectionId)).toMatchObject({ state: null });
    const waited = await call(sim(), 'POST', `/2.0/users/me/connections/${connectionId}`, {
      token,
    });
    expect((waited.body as ConnectionBody).state).toBeNull();
    expect(sim().control.syncRequests()).toHaveLength(2);
  });

  it('lists connections with expands, hides other users’ connections, deletes with their data', async () => {
    const { token, connectionId } = await connected();
    const other = await connected();
    const list = await call(
      sim(),
      'GET',
      '/2.0/users/me/connections?expand=sources,accounts,all_accounts',
      { token },
    );
    const { connections } = list.body as { connections: Record<string, unknown[]>[] };
    expect(connections).toHaveLength(1);
    expect(connections[0].sources).toHaveLength(1);
    expect(connections[0].accounts).toHaveLength(2);
    const foreign = await call(sim(), 'GET', `/2.0/users/me/connections/${other.connectionId}`, {
      token,
    });
    expect(foreign.status).toBe(404);
    expect(
      (await call(sim(), 'DELETE', `/2.0/users/me/connections/${connectionId}`, { token })).status,
    ).toBe(204);
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts', { token })).status).toBe(400);
  });

  it('moves to SCARequired by itself once expire passes; a reconnect renews it', async () => {
    const { token, connectionId } = await connected();
    sim().control.advanceClock(181 * 86_400_000);
    expect(await getConnection(token, connectionId)).toMatchObject({ state: 'SCARequired' });
    await requestSync(token, connectionId, false);
    await sim().control.awaitSyncs();
    expect(await getConnection(token, connectionId)).toMatchObject({ state: 'SCARequired' });
    await call(
      sim(),
      'GET',
      `/2.0/webauth?client_id=${sim().clientId}&token=${token}&redirect_uri=https://app.example/cb&id_connection=${connectionId}`,
    );
    sim().control.advanceClock(86_400_000);
    expect(await getConnection(token, connectionId)).toMatchObject({ state: null });
  });
});
