import { BankAccountEntity } from '../../../src/banking/accounts/bank-account.entity';
import type { SyncRunStats } from '../../../src/banking/sync/sync-run-summary';
import { BankingKit, LinkedUser, startBankingKit } from '../../kits/banking-kit';

/** 10 booked rows and 1 pending row on each of 2 accounts. */
const ROWS_PER_CONNECTION = 22;

describe('tink.sync-connections: 50 premium connections, 3 with injected faults', () => {
  let kit: BankingKit;
  let linked: LinkedUser[];
  let serverError: LinkedUser;
  let malformed: LinkedUser;
  let consentGone: LinkedUser;
  let withoutSubscription: LinkedUser[];
  let first: SyncRunStats;
  let firstMessage: unknown;

  beforeAll(async () => {
    kit = await startBankingKit();
    linked = [];
    for (let i = 0; i < 50; i += 1) linked.push(await kit.linkUser());
    withoutSubscription = [
      await kit.linkUser({ plan: 'free' }),
      await kit.linkUser({ plan: 'free' }),
      await kit.linkUser({ plan: 'premium', premiumUntil: new Date('2020-01-01T00:00:00Z') }),
    ];
    [serverError, malformed, consentGone] = [linked[7], linked[23], linked[41]];
    const { control } = kit.sim;
    control.injectFault({
      route: 'transactions.list',
      credentialId: serverError.credential.id,
      kind: 'status',
      status: 503,
      times: null,
    });
    control.injectFault({
      route: 'accounts.list',
      credentialId: malformed.credential.id,
      kind: 'malformed_json',
      times: null,
    });
    control.injectFault({
      route: 'credentials.get',
      credentialId: consentGone.credential.id,
      kind: 'authentication_error',
      times: null,
    });
    const run = await kit.runJob();
    // Three of fifty connections failed: the run shows it.
    expect(run.status).toBe('partial');
    expect(run.run).toMatchObject({
      itemsTotal: 50,
      itemsSucceeded: 47,
      itemsFailed: 3,
      itemsSkipped: 0,
    });
    // The retry takes the two temporary failures; the connection whose consent ended waits for its user.
    expect([...(run.run.retryItems ?? [])].sort()).toEqual(
      [serverError.connection.id, malformed.connection.id].map(String).sort(),
    );
    first = run.details as unknown as SyncRunStats;
    firstMessage = run.details.message;
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
  });

  it('reports 47 successes, 3 failures with reasons and the premium filter in the run details', () => {
    expect(first).toMatchObject({
      provider: 'tink',
      connections_found: 53,
      eligible: 50,
      skipped_no_subscription: 3,
      attempted: 50,
      successful: 47,
      failed: 3,
      needs_reauth: 1,
      deferred: 0,
      cancelled: 0,
      transactions: { inserted: 47 * ROWS_PER_CONNECTION, updated: 0, removed: 0, rejected: 0 },
    });
    expect(firstMessage).toMatch(
      /^Tink sync job completed in \d+\.\d{2}s: 47\/50 successful, 3 failed, 3 skipped \(no subscription\)$/,
    );
    const failures = first.connections.filter((entry) => entry.outcome === 'failed');
    const byConnection = [...failures].sort((a, b) => a.connection_id - b.connection_id);
    expect(byConnection.map((entry) => [entry.connection_id, entry.reason])).toEqual([
      [serverError.connection.id, 'temporary'],
      [malformed.connection.id, 'temporary'],
      [consentGone.connection.id, 'needs_reauth'],
    ]);
    expect(failures.find((e) => e.connection_id === malformed.connection.id)?.detail).toMatch(
      /not valid JSON/,
    );
  });

  it('records each failure on its connection and leaves the others untouched', async () => {
    const broken = await kit.connection(serverError.connection.id);
    expect(broken).toMatchObject({ status: 'active', consecutiveFailures: 1 });
    expect(broken.lastError).toMatch(/503/);
    expect(broken.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
    expect(broken.lastSuccessAt).toBeNull();
    expect((await kit.connection(consentGone.connection.id)).status).toBe('needs_reauth');

    const healthy = linked.filter((l) => ![serverError, malformed, consentGone].includes(l));
    for (const { connection } of healthy) {
      const row = await kit.connection(connection.id);
      expect(row).toMatchObject({ status: 'active', consecutiveFailures: 0, lastError: null });
      expect(row.lastSuccessAt).not.toBeNull();
    }
    expect(await kit.count('transactions')).toBe(47 * ROWS_PER_CONNECTION);
  });

  it('stamps last_sync_at on every attempted connection and on no other', async () => {
    for (const { connection } of linked) {
      expect((await kit.connection(connection.id)).lastSyncAt).not.toBeNull();
    }
    for (const { connection } of withoutSubscription) {
      const row = await kit.connection(connection.id);
      expect(row.lastSyncAt).toBeNull();
      expect(
        await kit.dataSource.getRepository(BankAccountEntity).countBy({
          connectionId: connection.id,
        }),
      ).toBe(0);
    }
  });

  it('adds no rows and rewrites none on a second sync of unchanged data', async () => {
    const before = await kit.dataSource.query(
      'SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM transactions',
    );
    const second = (await kit.runJob()).details as unknown as SyncRunStats;
    // The connection whose consent ended waits for its user: no longer part of scheduled runs.
    expect(second).toMatchObject({
      connections_found: 52,
      successful: 47,
      failed: 2,
      deferred: 0,
      transactions: { inserted: 0, updated: 0, removed: 0, rejected: 0 },
    });
    // Incremental: only the overlap window is re-read, and all of it is recognised as unchanged.
    expect(second.transactions.unchanged).toBeGreaterThanOrEqual(47 * 2);
    const after = await kit.dataSource.query(
      'SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM transactions',
    );
    expect(after).toEqual(before);
  });
});
