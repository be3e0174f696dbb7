import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../../src/banking/connections/bank-connection.entity';
import { ConnectionSecrets } from '../../../src/banking/connections/connection-secrets';
import { ConnectionSyncRecorder } from '../../../src/banking/connections/connection-sync-recorder.service';
import { budgetWindow } from '../../../src/infra/http-client';
import { BankProviderRegistry } from '../../../src/banking/sync/bank-provider-registry.service';
import { BankSyncService } from '../../../src/banking/sync/bank-sync.service';
import type { ConnectionSyncResult } from '../../../src/banking/sync/connection-sync-result';
import type { SyncRunStats } from '../../../src/banking/sync/sync-run-summary';
import { SecretCipher } from '../../../src/core/crypto/secret-cipher';
import { RunLostEvent, SchedulingEvents } from '../../../src/core/scheduling/scheduling.events';
import { toTinkAmount } from '../../simulators/tink';
import { startTestApp, type TestApp } from '../../utils/test-app';
import { BankingKit, FAST_SYNC_ENV, LinkedUser, startBankingKit } from '../../kits/banking-kit';

const ADMIN = { id: 1, role: 'admin' as const };

/** Two days after the simulator's today (pending rows due today book on every refresh). */
function dayAfterTomorrow(kit: BankingKit): string {
  return new Date(kit.sim.control.now() + 2 * 86_400_000).toISOString().slice(0, 10);
}

async function refresh(
  kit: BankingKit | TestApp,
  linked: LinkedUser,
): Promise<ConnectionSyncResult> {
  const tink = kit.app.get(BankProviderRegistry).get('tink');
  const { results } = await kit.app
    .get(BankSyncService)
    .refreshForUser(tink, ADMIN, linked.user.id, linked.connection.id);
  return results[0];
}

async function transactionByKey(
  kit: BankingKit,
  key: string,
): Promise<{ id: number; status: string; provider_tx_key: string } | undefined> {
  const rows = await kit.dataSource.query(
    'SELECT id, status, provider_tx_key FROM transactions WHERE provider_tx_key = ?',
    [key],
  );
  return rows[0] && { ...rows[0], id: Number(rows[0].id) };
}

describe('Tink sync of one connection', () => {
  let kit: BankingKit;

  beforeAll(async () => {
    kit = await startBankingKit({ TINK_REFRESHES_PER_USER_PER_DAY: '2' });
  });

  afterAll(async () => {
    await kit?.close();
  });

  beforeEach(() => kit.sim.control.reset());

  it('marks a connection whose consent expired needs_reauth and leaves it to the user', async () => {
    const linked = await kit.linkUser();
    kit.sim.control.expireSession(linked.credential.id);
    const result = await refresh(kit, linked);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'needs_reauth' });
    const connection = await kit.connection(linked.connection.id);
    expect(connection).toMatchObject({ status: 'needs_reauth', nextAttemptAt: null });
    expect(connection.lastError).toMatch(/consent expired/);
    expect(connection.consentExpiresAt?.getTime()).toBeLessThanOrEqual(Date.now());

    expect(await refresh(kit, linked)).toMatchObject({
      outcome: 'skipped',
      reason: 'needs_reauth',
    });
    expect(kit.sim.control.counters().byRoute['credentials.refresh']).toBeUndefined();
  });

  it('updates pending rows in place when they book, re-keys re-issued ones, removes vanished ones', async () => {
    const linked = await kit.linkUser({ transactionsPerAccount: 3 });
    const [account] = kit.sim.data.accountsOf(linked.simUser.id);
    const date = dayAfterTomorrow(kit);
    const pending = (bookingMode: 'same-id' | 'new-id') =>
      kit.sim.data.addTransaction(account.id, {
        status: 'PENDING',
        bookedDate: date,
        amount: toTinkAmount('-4.20', 2),
        bookingMode,
      });
    const staysId = pending('same-id');
    const reissued = pending('new-id');
    const vanishes = pending('same-id');
    expect(await refresh(kit, linked)).toMatchObject({ outcome: 'synced' });
    const before = await Promise.all(
      [staysId, reissued, vanishes].map((tx) => transactionByKey(kit, tx.id)),
    );
    expect(before.map((row) => row?.status)).toEqual(['pending', 'pending', 'pending']);

    kit.sim.control.bookPending(staysId.id);
    const successor = kit.sim.control.bookPending(reissued.id);
    kit.sim.data.removeTransaction(vanishes.id);
    const rowsBefore = await kit.count('transactions');
    const result = await refresh(kit, linked);

    expect(result.transactions).toMatchObject({ inserted: 0, updated: 2, removed: 1 });
    expect(await transactionByKey(kit, staysId.id)).toEqual({ ...before[0], status: 'booked' });
    expect(await transactionByKey(kit, reissued.id)).toBeUndefined();
    expect(await transactionByKey(kit, successor.id)).toEqual({
      id: before[1]?.id,
      status: 'booked',
      provider_tx_key: successor.id,
    });
    expect(await transactionByKey(kit, vanishes.id)).toBeUndefined();
    expect(await kit.count('transactions')).toBe(rowsBefore - 1);
  });

  it('asks Tink to refresh for a person, but not unattended when Tink refreshed recently', async () => {
    const linked = await kit.linkUser();
    const scheduled = (await kit.runJob('schedule')).details as unknown as SyncRunStats;
    const entry = scheduled.connections.find((e) => e.connection_id === linked.connection.id);
    expect(entry).toMatchObject({ outcome: 'synced', refresh: 'recently_refreshed' });
    expect(kit.sim.control.counters().byRoute['credentials.refresh']).toBeUndefined();

    expect(await refresh(kit, linked)).toMatchObject({
      outcome: 'synced',
      refresh: { outcome: 'refreshed' },
    });
    expect(kit.sim.control.counters().refreshesAccepted).toBe(1);
  });

  it('spends the daily refresh budget in the database, shared by every instance', async () => {
    const linked = await kit.linkUser();
    expect((await refresh(kit, linked)).refresh).toEqual({ outcome: 'refreshed' });
    expect((await refresh(kit, linked)).refresh).toEqual({ outcome: 'refreshed' });

    const [row] = await kit.dataSource.query('SELECT points FROM rate_limits WHERE `key` = ?', [
      `tink-refresh:${linked.simUser.id}`,
    ]);
    expect(Number(row.points)).toBe(2);

    const other = await startTestApp(
      {
        ...FAST_SYNC_ENV,
        TINK_API_URL: kit.sim.url,
        TINK_CLIENT_ID: kit.sim.clientId,
        TINK_CLIENT_SECRET: kit.sim.clientSecret,
        TINK_REFRESHES_PER_USER_PER_DAY: '2',
      },
      { db: kit.db },
    );
    try {
      expect(await refresh(other, linked)).toMatchObject({
        outcome: 'synced',
        refresh: { outcome: 'skipped', skipReason: 'budget_exhausted' },
      });
    } finally {
      await other.app.close();
    }
    expect(kit.sim.control.counters().refreshesAccepted).toBe(2);
  });

  it('keeps the user token sealed at rest and reuses it from another instance', async () => {
    const linked = await kit.linkUser();
    await refresh(kit, linked);
    const connection = await kit.connection(linked.connection.id);
    const cipher = kit.app.get(SecretCipher);
    expect(connection.sealedSecrets).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(connection.secretsKeyId).toBe(cipher.currentKeyId);
    const tokens = kit.app.get(ConnectionSecrets).open(connection.sealedSecrets);
    expect(tokens?.accessToken.length).toBeGreaterThan(10);
    expect(connection.sealedSecrets).not.toContain(tokens?.accessToken);
    expect(connection.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3_600_000);

    const issued = kit.sim.control.counters().userTokensIssued;
    const other = await startTestApp(
      {
        ...FAST_SYNC_ENV,
        TINK_API_URL: kit.sim.url,
        TINK_CLIENT_ID: kit.sim.clientId,
        TINK_CLIENT_SECRET: kit.sim.clientSecret,
      },
      { db: kit.db },
    );
    try {
      expect((await refresh(other, linked)).outcome).toBe('synced');
    } finally {
      await other.app.close();
    }
    expect(kit.sim.control.counters().userTokensIssued).toBe(issued);
  });

  it('reads the data Tink has when the refresh request keeps failing, and says so', async () => {
    const linked = await kit.linkUser({ transactionsPerAccount: 4 });
    kit.sim.control.injectFault({
      route: 'credentials.refresh',
      credentialId: linked.credential.id,
      kind: 'status',
      status: 503,
      times: null,
    });
    const result = await refresh(kit, linked);
    expect(result).toMatchObject({
      outcome: 'synced',
      refresh: { outcome: 'refresh_failed' },
      accounts: 2,
      transactions: { inserted: 10 },
    });
    expect(result.refresh?.detail).toMatch(/requesting the refresh: .*503/);
    // A refresh is safe to repeat, so the client retried it before giving up.
    expect(kit.sim.control.counters().byRoute['credentials.refresh']).toBe(4);
    expect(await kit.connection(linked.connection.id)).toMatchObject({
      status: 'active',
      consecutiveFailures: 0,
    });

    kit.sim.control.clearFaults();
    expect(await refresh(kit, linked)).toMatchObject({
      outcome: 'synced',
      refresh: { outcome: 'refreshed' },
    });
  });

  it('lists a failed refresh in the run: counted, with its reason, in the completion line', async () => {
    const linked = await kit.linkUser();
    // Tink last refreshed it 7 h ago, so even an unattended run asks for a refresh.
    linked.credential.updated = kit.sim.control.now() - 7 * 3_600_000;
    kit.sim.control.injectFault({
      route: 'credentials.refresh',
      credentialId: linked.credential.id,
      kind: 'status',
      status: 502,
      times: null,
    });
    const run = await kit.runJob('manual');
    const stats = run.details as unknown as SyncRunStats;
    const entry = stats.connections.find((e) => e.connection_id === linked.connection.id);
    expect(entry).toMatchObject({ outcome: 'synced', refresh: 'refresh_failed' });
    expect(entry?.refresh_detail).toMatch(/502/);
    expect(stats.refresh_failed).toBeGreaterThanOrEqual(1);
    expect(run.details.message).toMatch(/read without a fresh refresh \(refresh failed\)/);
  });

  it('cools a failing connection off, shows error after three failures, recovers on success', async () => {
    const linked = await kit.linkUser();
    const fault = kit.sim.control.injectFault({
      route: 'accounts.list',
      credentialId: linked.credential.id,
      kind: 'status',
      status: 400,
      times: null,
    });
    const entryOf = (stats: SyncRunStats) =>
      stats.connections.find((e) => e.connection_id === linked.connection.id);

    const first = (await kit.runJob('schedule')).details as unknown as SyncRunStats;
    expect(entryOf(first)).toMatchObject({ outcome: 'failed', reason: 'error' });
    const cooling = await kit.connection(linked.connection.id);
    expect(cooling.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);

    const deferred = (await kit.runJob('schedule')).details as unknown as SyncRunStats;
    expect(entryOf(deferred)).toMatchObject({ outcome: 'skipped', reason: 'cooling_off' });

    await refresh(kit, linked);
    await refresh(kit, linked);
    const failing = await kit.connection(linked.connection.id);
    expect(failing).toMatchObject({ status: 'error', consecutiveFailures: 3 });

    kit.sim.control.removeFault(fault);
    expect((await refresh(kit, linked)).outcome).toBe('synced');
    expect(await kit.connection(linked.connection.id)).toMatchObject({
      status: 'active',
      consecutiveFailures: 0,
      nextAttemptAt: null,
      lastError: null,
    });
  });

  it('never runs two syncs of one connection at once', async () => {
    const linked = await kit.linkUser();
    const recorder = kit.app.get(ConnectionSyncRecorder);
    expect(await recorder.claim(linked.connection.id, 'elsewhere', new Date(), 60_000)).toBe(true);
    expect(await refresh(kit, linked)).toMatchObject({ outcome: 'skipped', reason: 'in_progress' });
    expect(await recorder.finish(linked.connection.id, 'elsewhere', {})).toBe(true);
    expect((await refresh(kit, linked)).outcome).toBe('synced');
    const connection = await kit.app
      .get(DataSource)
      .getRepository(BankConnectionEntity)
      .findOneByOrFail({ id: linked.connection.id });
    expect(connection.syncLockOwner).toBeNull();
  });

  it('renews only the leases their owner still holds', async () => {
    const [mine, theirs] = [await kit.linkUser(), await kit.linkUser()];
    const recorder = kit.app.get(ConnectionSyncRecorder);
    await recorder.claim(mine.connection.id, 'run-1', new Date(), 60_000);
    await recorder.claim(theirs.connection.id, 'run-2', new Date(), 60_000);
    const until = new Date(Date.now() + 600_000);

    const lost = await recorder.renew([mine.connection.id, theirs.connection.id], 'run-1', until);

    expect(lost).toEqual([theirs.connection.id]);
    expect((await kit.connection(mine.connection.id)).syncLockedUntil).toEqual(until);
    expect((await kit.connection(theirs.connection.id)).syncLockedUntil).not.toEqual(until);
    await recorder.finish(mine.connection.id, 'run-1', {});
    await recorder.finish(theirs.connection.id, 'run-2', {});
  });

  it('frees the connections of a run the engine found dead, and only those', async () => {
    const [orphaned, busy] = [await kit.linkUser(), await kit.linkUser()];
    const recorder = kit.app.get(ConnectionSyncRecorder);
    await recorder.claim(orphaned.connection.id, 'dead-run', new Date(), 600_000);
    await recorder.claim(busy.connection.id, 'live-run', new Date(), 600_000);

    await kit.app.get(EventEmitter2).emitAsync(SchedulingEvents.runLost, {
      runId: 'dead-run',
      taskId: 'a-task',
      taskType: 'tink.sync-connections',
      instanceId: 'crashed',
    } satisfies RunLostEvent);

    expect(await refresh(kit, orphaned)).toMatchObject({ outcome: 'synced' });
    expect(await refresh(kit, busy)).toMatchObject({ outcome: 'skipped', reason: 'in_progress' });
    await recorder.finish(busy.connection.id, 'live-run', {});
  });
});

describe('Tink requests with the budget shared through the database', () => {
  let kit: BankingKit;

  beforeAll(async () => {
    kit = await startBankingKit({
      TINK_RATE_LIMIT_SHARED: 'true',
      TINK_REQUESTS_PER_SECOND: '40',
    });
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('takes every request slot from the rate_limits table and stays under the budget', async () => {
    const linked = await kit.linkUser();
    const startedAt = Date.now();
    expect((await refresh(kit, linked)).outcome).toBe('synced');
    const requests = kit.sim.control.counters().requests;
    expect(requests).toBeGreaterThan(8);
    // 40 per second: 3 requests per 75 ms window, whatever instance asks.
    const { points, windowMs } = budgetWindow(40);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(
      (Math.ceil(requests / points) - 1) * windowMs,
    );
    const [row] = await kit.dataSource.query('SELECT `key` FROM rate_limits WHERE `key` = ?', [
      'tink-requests:app',
    ]);
    expect(row).toBeDefined();
  });
});
