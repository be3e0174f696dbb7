import { NodeHttpTransport } from '../../../src/infra/http-client';
import { createTinkHttpClient } from '../../../src/banking/providers/tink/client/tink-http-client.factory';
import { TinkClient } from '../../../src/banking/providers/tink/tink.client';
import { mapTinkTransaction } from '../../../src/banking/providers/tink/tink.mapper';
import type { ProviderTransaction } from '../../../src/banking/sync/bank-sync.types';
import {
  startTinkSimulator,
  toTinkAmount,
  type SimCredential,
  type SimUser,
} from '../../simulators/tink';
import { FAST_RETRY, call, useSimulator } from '../../simulators/tink/tink-simulator.testing';

describe('TinkClient against the simulator: credential refresh', () => {
  // Refresh steps take 30 ms of (real) simulated time; the client polls every 20 ms.
  const sim = useSimulator({ refresh: { stepMs: 30, quota: null } });
  const transport = new NodeHttpTransport();
  let clientNow: () => number = Date.now;
  let user: SimUser;
  let credential: SimCredential;

  const makeClient = (): TinkClient =>
    new TinkClient(
      createTinkHttpClient({ baseUrl: sim().url, transport, timeoutMs: 1_000, retry: FAST_RETRY }),
      {
        clientId: sim().clientId,
        clientSecret: sim().clientSecret,
        refreshPollIntervalMs: 20,
        refreshDeadlineMs: 600,
      },
      { now: () => clientNow() },
    );

  beforeEach(() => {
    clientNow = Date.now;
    user = sim().data.addUser();
    credential = sim().data.addCredential(user.id);
    sim().control.reset();
  });
  afterAll(() => transport.close());

  it('reports refreshed after AUTHENTICATING → UPDATING → UPDATED', async () => {
    const before = credential.statusUpdated;
    const result = await makeClient().refreshCredential({ userId: user.id }, credential.id);
    expect(result).toMatchObject({ outcome: 'refreshed', status: 'UPDATED' });
    expect(result.statusUpdated).toBeGreaterThan(before);
    expect(sim().control.counters()).toMatchObject({
      refreshesAccepted: 1,
      refreshesRateLimited: 0,
    });
  });

  it('detects the silent 204 rate limit by the poll deadline', async () => {
    sim().control.setRefreshRateLimited(credential.id, true);
    const startedAt = Date.now();
    const result = await makeClient().refreshCredential({ userId: user.id }, credential.id);
    expect(result).toMatchObject({ outcome: 'rate_limited', status: 'UPDATED' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(550);
    expect(sim().control.counters()).toMatchObject({
      refreshesRateLimited: 1,
      refreshesAccepted: 0,
    });
  });

  it('runs into a per-credential refresh quota the same way', async () => {
    const quotaSim = await startTinkSimulator({
      refresh: { stepMs: 10, quota: { maxRefreshes: 1, windowMs: 86_400_000 } },
    });
    try {
      const u = quotaSim.data.addUser();
      const c = quotaSim.data.addCredential(u.id);
      const client = new TinkClient(
        createTinkHttpClient({ baseUrl: quotaSim.url, transport, retry: FAST_RETRY }),
        {
          clientId: quotaSim.clientId,
          clientSecret: quotaSim.clientSecret,
          refreshPollIntervalMs: 15,
          refreshDeadlineMs: 300,
        },
      );
      expect((await client.refreshCredential({ userId: u.id }, c.id)).outcome).toBe('refreshed');
      expect((await client.refreshCredential({ userId: u.id }, c.id)).outcome).toBe('rate_limited');
    } finally {
      await quotaSim.stop();
    }
  });

  it('does not refresh a consent it knows has expired', async () => {
    sim().control.expireSession(credential.id);
    const result = await makeClient().refreshCredential({ userId: user.id }, credential.id);
    expect(result).toMatchObject({ outcome: 'needs_reauth' });
    expect(result.detail).toMatch(/consent expired/);
    expect(sim().control.counters().byRoute['credentials.refresh']).toBeUndefined();
  });

  it('learns about an expired consent from the status when its own clock disagrees', async () => {
    sim().control.expireSession(credential.id);
    clientNow = () => Date.now() - 60_000;
    const result = await makeClient().refreshCredential({ userId: user.id }, credential.id);
    expect(result).toMatchObject({ outcome: 'needs_reauth', status: 'SESSION_EXPIRED' });
    expect(sim().control.counters().byRoute['credentials.refresh']).toBe(1);
  });

  it.each([
    ['TEMPORARY_ERROR', 'refresh_failed'],
    ['AUTHENTICATION_ERROR', 'needs_reauth'],
    ['AWAITING_THIRD_PARTY_APP_AUTHENTICATION', 'needs_reauth'],
  ] as const)('maps a refresh ending in %s to %s', async (ending, outcome) => {
    sim().control.setRefreshEnding(credential.id, ending);
    await expect(
      makeClient().refreshCredential({ userId: user.id }, credential.id),
    ).resolves.toMatchObject({
      outcome,
      status: ending,
    });
  });

  it('joins a refresh that is already running', async () => {
    const client = makeClient();
    await client.listCredentials({ userId: user.id });
    const token = await client.tokens.getUserToken({ userId: user.id });
    expect(
      (await call(sim(), 'POST', `/api/v1/credentials/${credential.id}/refresh`, { token })).status,
    ).toBe(204);
    const result = await client.refreshCredential({ userId: user.id }, credential.id);
    expect(result.outcome).toBe('refreshed');
    expect(sim().control.counters().refreshesAccepted).toBe(1);
  });

  it('reports rate_limited when the refresh call itself gets a long 429', async () => {
    sim().control.injectFault({
      route: 'credentials.refresh',
      kind: 'rate_limit',
      retryAfter: '3600',
    });
    await expect(
      makeClient().refreshCredential({ userId: user.id }, credential.id),
    ).resolves.toMatchObject({
      outcome: 'rate_limited',
    });
  });

  it('repeats a refresh request answered 5xx, and it goes through', async () => {
    sim().control.injectFault({ route: 'credentials.refresh', kind: 'status', status: 503 });
    await expect(
      makeClient().refreshCredential({ userId: user.id }, credential.id),
    ).resolves.toMatchObject({ outcome: 'refreshed' });
    expect(sim().control.counters().byRoute['credentials.refresh']).toBe(2);
  });

  it('follows the refresh a failed attempt did start (the repeat answers 409)', async () => {
    sim().control.injectFault({
      route: 'credentials.refresh',
      kind: 'status',
      status: 502,
      afterHandler: true,
    });
    await expect(
      makeClient().refreshCredential({ userId: user.id }, credential.id),
    ).resolves.toMatchObject({ outcome: 'refreshed' });
    expect(sim().control.counters()).toMatchObject({
      refreshesAccepted: 1,
      refreshesConflicting: 1,
    });
  });

  it('reports refresh_failed with the reason when Tink keeps failing', async () => {
    sim().control.injectFault({
      route: 'credentials.refresh',
      kind: 'status',
      status: 503,
      times: null,
    });
    const result = await makeClient().refreshCredential({ userId: user.id }, credential.id);
    expect(result).toMatchObject({ outcome: 'refresh_failed' });
    expect(result.detail).toMatch(/requesting the refresh: .*503/);
    expect(sim().control.counters().byRoute['credentials.refresh']).toBe(FAST_RETRY.maxAttempts);
  });

  it('needs_reauth for a credential that is gone', async () => {
    await expect(
      makeClient().refreshCredential({ userId: user.id }, 'deleted-credential'),
    ).resolves.toMatchObject({
      outcome: 'needs_reauth',
    });
  });

  it('sees pending rows book after a refresh, under the same id or a new one', async () => {
    const account = sim().data.addAccount(credential.id);
    const today = new Date(sim().control.now()).toISOString().slice(0, 10);
    const stays = sim().data.addTransaction(account.id, {
      status: 'PENDING',
      bookedDate: today,
      amount: toTinkAmount('-12.34', 2),
      bookingMode: 'same-id',
    });
    const moves = sim().data.addTransaction(account.id, {
      status: 'PENDING',
      bookedDate: today,
      amount: toTinkAmount('-5', 0),
      bookingMode: 'new-id',
    });
    const client = makeClient();
    const fetchAll = async (): Promise<ProviderTransaction[]> => {
      const rows: ProviderTransaction[] = [];
      for await (const page of client.transactionPages(
        { userId: user.id },
        { bookedDateGte: today },
      )) {
        rows.push(...page.transactions.map((t) => mapTinkTransaction(t)));
      }
      return rows;
    };
    const before = await fetchAll();
    expect(before.map((t) => t.status)).toEqual(['pending', 'pending']);

    expect((await client.refreshCredential({ userId: user.id }, credential.id)).outcome).toBe(
      'refreshed',
    );
    const after = await fetchAll();
    expect(after.every((t) => t.status === 'booked')).toBe(true);
    expect(after.find((t) => t.providerTxKey === stays.id)).toMatchObject({ amount: '-12.3400' });
    expect(after.find((t) => t.providerTxKey === moves.id)).toBeUndefined();
    const replacement = after.find((t) => t.providerTxKey !== stays.id);
    expect(replacement).toMatchObject({ amount: '-5.0000', bookingDate: today });
    // The bank's own id survives the re-issue; it is how the two rows could be matched.
    const pendingRow = before.find((t) => t.providerTxKey === moves.id);
    expect(replacement?.raw.identifiers).toEqual(pendingRow?.raw.identifiers);
  });
});
