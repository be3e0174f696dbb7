import * as http from 'node:http';
import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';

/** Status and the first chunk of the body; whether the body had ended by then. */
function firstChunk(
  url: string,
  token: string,
): Promise<{ status: number; chunk: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.once('data', (chunk: Buffer) => {
        setImmediate(() => {
          resolve({
            status: res.statusCode ?? 0,
            chunk: chunk.toString('utf8'),
            ended: res.complete,
          });
          request.destroy();
        });
      });
    });
    request.on('error', reject);
  });
}

describe('Powens simulator: faults, latency and the control endpoint', () => {
  const sim = useSimulator({ chaosSeed: 7, sync: { delayMs: 10 } });

  async function userWithConnection(): Promise<{ token: string; connectionId: number }> {
    const { userId, token } = await permanentUser(sim());
    const connection = sim().data.addConnection(userId);
    sim().data.addTransactions(sim().data.addAccount(connection.id).id, 5);
    return { token, connectionId: connection.id };
  }

  it('answers a queued fault with a Powens error body, then goes back to normal', async () => {
    const { token } = await userWithConnection();
    sim().control.injectFault({ route: 'accounts.list', status: 503, code: 'websiteUnavailable' });
    const failed = await call(sim(), 'GET', '/2.0/users/me/accounts', { token });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      code: 'websiteUnavailable',
      description: expect.any(String),
      message: null,
      request_id: null,
    });
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts', { token })).status).toBe(200);
  });

  it('5xx on POST/PUT, also after the sync was started (the client cannot tell)', async () => {
    const { token, connectionId } = await userWithConnection();
    sim().control.setChaos({
      nonGetServerErrors: {
        rate: 1,
        status: 502,
        afterHandler: true,
        routes: ['connections.sync'],
      },
    });
    const response = await call(
      sim(),
      'PUT',
      `/2.0/users/me/connections/${connectionId}?psu_requested=false`,
      { token },
    );
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'bug' });
    expect(sim().control.syncRequests()).toMatchObject([{ answer: 'started' }]);
    sim().control.setChaos({ nonGetServerErrors: { rate: 1, routes: ['auth.init'] } });
    const init = await call(sim(), 'POST', '/2.0/auth/init', {
      json: { client_id: sim().clientId, client_secret: sim().clientSecret },
    });
    expect(init.status).toBe(503);
  });

  it('resets connections, cuts bodies half-way, and sends slow bodies', async () => {
    const { token } = await userWithConnection();
    sim().control.setChaos({ connectionResets: { rate: 1, routes: ['accounts.list'] } });
    await expect(call(sim(), 'GET', '/2.0/users/me/accounts', { token })).rejects.toThrow();
    sim().control.setChaos({ truncatedBodies: { rate: 1 } });
    const cut = await call(sim(), 'GET', '/2.0/users/me/transactions?limit=10', { token });
    expect(cut.status).toBe(200);
    expect(cut.body).toBeUndefined();
    sim().control.setChaos({ slowBodies: { rate: 1, delayMs: 300 } });
    const slow = await firstChunk(`${sim().apiUrl}/users/me/accounts`, token);
    expect(slow).toMatchObject({ status: 200, ended: false });
    expect(sim().control.counters().chaos).toMatchObject({
      connectionResets: 1,
      truncatedBodies: 1,
      slowBodies: 1,
    });
  });

  it('adds latency to every API answer', async () => {
    const { token } = await userWithConnection();
    sim().control.setLatency(120);
    const started = Date.now();
    await call(sim(), 'GET', '/2.0/users/me/accounts', { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('is steered over HTTP: state, next sync, clock, faults, chaos, reset', async () => {
    const { token, connectionId } = await userWithConnection();
    const control = (method: string, path: string, json?: unknown) =>
      call(sim(), method, `/__control${path}`, { json });
    expect(
      (await control('PUT', `/connections/${connectionId}/state`, { state: 'wrongpass' })).status,
    ).toBe(204);
    expect(
      (await control('PUT', `/connections/${connectionId}/state`, { state: 'nope' })).status,
    ).toBe(400);
    await control('POST', `/connections/${connectionId}/next-sync`, { state: null });
    expect((await control('PUT', '/sync', { delayMs: -1 })).status).toBe(400);
    await control('PUT', '/sync', { minGapMs: 1_000 });
    expect((await control('POST', '/clock/advance', { ms: 5_000 })).body).toEqual({
      now: expect.any(Number),
    });
    await call(sim(), 'PUT', `/2.0/users/me/connections/${connectionId}?psu_requested=false`, {
      token,
    });
    await sim().control.awaitSyncs();
    const requests = (await control('GET', '/sync-requests')).body as {
      requests: { psuRequested: boolean }[];
    };
    expect(requests.requests).toMatchObject([{ psuRequested: false }]);
    const connection = await call(sim(), 'GET', `/2.0/users/me/connections/${connectionId}`, {
      token,
    });
    expect(connection.body).toMatchObject({ state: null });
    expect((await control('POST', '/faults', { route: 'no.such', status: 500 })).status).toBe(400);
    expect((await control('POST', '/faults', { status: 500 })).status).toBe(204);
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts', { token })).status).toBe(500);
    expect((await control('PUT', '/chaos', { truncatedBodies: { rate: 1 } })).status).toBe(204);
    expect((await control('DELETE', '/chaos')).status).toBe(204);
    expect((await control('GET', '/counters')).body).toMatchObject({ faultsApplied: 1 });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await call(sim(), 'GET', '/2.0/users/me/accounts', { token })).status).toBe(401);
  });
});
