import * as http from 'node:http';
import { call, userToken, useSimulator } from '../../simulators/tink/tink-simulator.testing';

/** Status, headers and the first chunk of the body; whether the body had ended by then. */
function firstChunk(
  url: string,
  token: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; chunk: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.once('data', (chunk: Buffer) => {
        // Let the socket hand over anything else it has already received before looking.
        setImmediate(() => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
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

describe('Tink simulator: the shared fault layer (chaos switches)', () => {
  const sim = useSimulator({ chaosSeed: 42 });
  let token = '';
  let credentialId = '';

  beforeAll(async () => {
    const user = sim().data.addUser();
    credentialId = sim().data.addCredential(user.id).id;
    sim().data.addAccount(credentialId);
    token = await userToken(sim(), user.id);
  });
  afterEach(() => {
    sim().control.reset();
    sim().control.setRateLimit(null);
  });

  it('answers budget 429s bare: no Retry-After, no request id, no body', async () => {
    sim().control.setRateLimit(2);
    sim().control.setChaos({ bareRateLimit: true });
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => call(sim(), 'GET', '/data/v2/accounts', { token })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    for (const response of limited) {
      expect(response.headers.get('retry-after')).toBeNull();
      expect(response.headers.get('x-request-id')).toBeNull();
      expect(response.text).toBe('');
    }
    expect(sim().control.counters()).toMatchObject({
      budgetRejections: 2,
      chaos: { budgetRejections: 2 },
    });
  });

  it('enforces a limit lower than any client budget', async () => {
    sim().control.setRateLimit(1, { retryAfterHeader: false });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await call(sim(), 'GET', '/data/v2/accounts', { token })).status);
    }
    expect(statuses).toEqual([200, 429, 429]);
  });

  it('cuts 2xx bodies half-way with a matching Content-Length, on the chosen routes only', async () => {
    sim().control.setChaos({ truncatedBodies: { rate: 1, routes: ['accounts.list'] } });
    const cut = await call(sim(), 'GET', '/data/v2/accounts', { token });
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(Number(cut.headers.get('content-length'))).toBe(Buffer.byteLength(cut.text));
    const whole = await call(sim(), 'GET', '/api/v1/credentials/list', { token });
    expect(whole.body).toMatchObject({ credentials: [expect.anything()] });
    expect(sim().control.counters().chaos.truncatedBodies).toBe(1);
  });

  it('answers non-GET calls 5xx, before or after acting on them', async () => {
    sim().control.setChaos({ nonGetServerErrors: { rate: 1, status: 502 } });
    const refreshPath = `/api/v1/credentials/${credentialId}/refresh`;
    expect((await call(sim(), 'POST', refreshPath, { token, json: {} })).status).toBe(502);
    expect((await call(sim(), 'GET', '/data/v2/accounts', { token })).status).toBe(200);
    expect(sim().control.counters().refreshesAccepted).toBe(0);

    sim().control.setChaos({ nonGetServerErrors: { rate: 1, afterHandler: true } });
    expect((await call(sim(), 'POST', refreshPath, { token, json: {} })).status).toBe(503);
    expect(sim().control.counters()).toMatchObject({
      refreshesAccepted: 1,
      chaos: { nonGetServerErrors: 2 },
    });
  });

  it('resets connections', async () => {
    sim().control.setChaos({ connectionResets: { rate: 1, routes: ['accounts.list'] } });
    await expect(call(sim(), 'GET', '/data/v2/accounts', { token })).rejects.toThrow();
    expect(sim().control.counters().chaos.connectionResets).toBe(1);
  });

  it('sends headers at once and the body only after the delay', async () => {
    sim().control.setChaos({ slowBodies: { rate: 1, delayMs: 60_000 } });
    const response = await firstChunk(`${sim().url}/data/v2/accounts`, token);
    expect(response.status).toBe(200);
    expect(response.ended).toBe(false);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(response.chunk.length);
    expect(sim().control.counters().chaos.slowBodies).toBe(1);
  });

  it('hits the same requests for the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      sim().control.setChaos({
        nonGetServerErrors: { rate: 0.5, routes: ['credentials.refresh'] },
      });
      const statuses = [];
      for (let i = 0; i < 12; i += 1) {
        const path = `/api/v1/credentials/${credentialId}/refresh`;
        statuses.push((await call(sim(), 'POST', path, { token, json: {} })).status);
      }
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first.some((status) => status !== 503)).toBe(true);
    expect(await pattern()).toEqual(first);
  });

  it('exposes the switches on the control endpoint, validated', async () => {
    const put = await call(sim(), 'PUT', '/__control/chaos', {
      json: { bareRateLimit: true, truncatedBodies: { rate: 0.05, routes: ['transactions.list'] } },
    });
    expect(put.status).toBe(204);
    const shown = await call(sim(), 'GET', '/__control/chaos');
    expect(shown.body).toMatchObject({
      switches: { bareRateLimit: true, truncatedBodies: { rate: 0.05 } },
      counters: { truncatedBodies: 0 },
    });
    for (const json of [
      { truncatedBodies: { rate: 2 } },
      { slowBodies: { rate: 1 } },
      { nonGetServerErrors: { rate: 1, status: 404 } },
      { connectionResets: { rate: 1, routes: ['nowhere'] } },
      { flakiness: true },
    ]) {
      expect((await call(sim(), 'PUT', '/__control/chaos', { json })).status).toBe(400);
    }
    expect((await call(sim(), 'DELETE', '/__control/chaos')).status).toBe(204);
    expect(sim().control.chaos()).toEqual({});
  });
});
