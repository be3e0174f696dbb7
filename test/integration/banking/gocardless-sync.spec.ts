import { GoCardlessKit, startGoCardlessKit } from '../../kits/gocardless-kit';

interface Stats {
  inserted: number;
  updated: number;
  removed: number;
  unchanged: number;
}

const statsOf = (details: unknown): Stats => details as Stats;

describe('GoCardless sync against the simulator', () => {
  let kit: GoCardlessKit;

  beforeAll(async () => {
    kit = await startGoCardlessKit();
  });

  afterAll(async () => {
    await kit?.close();
  });

  const accountIdsOf = async (connectionId: number): Promise<string> => {
    const rows: { id: number }[] = await kit.dataSource.query(
      `SELECT id FROM bank_accounts WHERE connection_id = ${connectionId}`,
    );
    return rows.map((row) => row.id).join(',') || '0';
  };

  it('imports both accounts on the first sync, and an unchanged re-sync writes nothing', async () => {
    const { connection } = await kit.linkUser({
      accounts: [
        { booked: 12, pending: 2 },
        { booked: 5, transactionIdMode: 'every-fetch' },
      ],
    });
    expect(connection.status).toBe('active');
    const accounts = await accountIdsOf(connection.id);
    expect(accounts.split(',')).toHaveLength(2);
    expect(await kit.count('transactions', `account_id IN (${accounts})`)).toBe(19);
    expect(
      await kit.count('transactions', `account_id IN (${accounts}) AND status = 'pending'`),
    ).toBe(2);

    const before = await kit.dataSource.query(
      `SELECT MAX(updated_at) AS at FROM transactions WHERE account_id IN (${accounts})`,
    );
    const again = await kit.runSync(connection.id);
    expect(again.status).toBe('completed');
    const stats = statsOf(again.run.details);
    // The re-sync reads the overlap window again: every row in it is unchanged.
    expect(stats).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
    expect(stats.unchanged).toBeGreaterThan(0);
    const after = await kit.dataSource.query(
      `SELECT MAX(updated_at) AS at FROM transactions WHERE account_id IN (${accounts})`,
    );
    expect(String(after[0].at)).toBe(String(before[0].at));
  });

  it('replaces a pending row without ids when it books under a new transactionId, never duplicating it', async () => {
    const { connection, seeded } = await kit.linkUser({
      accounts: [{ booked: 3, pending: 1, transactionIdMode: 'on-booking' }],
    });
    const accounts = await accountIdsOf(connection.id);
    expect(await kit.count('transactions', `account_id IN (${accounts})`)).toBe(4);
    const pending = seeded.accounts[0].pending[0];
    kit.sim.bookPending(pending.key, { newTransactionId: true });

    const run = await kit.runSync(connection.id);
    expect(run.status).toBe('completed');
    expect(await kit.count('transactions', `account_id IN (${accounts})`)).toBe(4);
    expect(
      await kit.count('transactions', `account_id IN (${accounts}) AND status = 'pending'`),
    ).toBe(0);
    const booked: { amount: string }[] = await kit.dataSource.query(
      `SELECT amount FROM transactions WHERE account_id IN (${accounts}) AND status = 'booked'`,
    );
    expect(booked.map((row) => Number(row.amount))).toContain(Number(pending.amount));
  });

  it('keys rows by internalTransactionId within their account: a collision across accounts is two rows', async () => {
    const first = kit.sim.seedRequisition({ accounts: [{ booked: 3 }] });
    const user = await kit.newUser();
    const seeded = kit.sim.seedRequisition({
      accounts: [{ booked: 3 }, { booked: 3, internalIdsFrom: first.accounts[0].id }],
    });
    const { GoCardlessConnectService } =
      await import('../../../src/banking/providers/gocardless/connect/gocardless-connect.service');
    const id = await kit.app
      .get(GoCardlessConnectService)
      .adoptLinked(user.id, seeded.requisitionId);
    await kit.settle(id);
    expect(await kit.count('transactions', `account_id IN (${await accountIdsOf(id)})`)).toBe(6);
  });

  it('shows each account’s budget on GET /banking/connections, spent by the syncs so far', async () => {
    const { connection, user } = await kit.linkUser({ accounts: [{ booked: 2 }] });
    const res = await kit.http
      .get('/api/v1/banking/connections')
      .set('Authorization', kit.bearer(user))
      .expect(200);
    const item = res.body.items.find((c: { id: number }) => c.id === connection.id);
    expect(item.rate_limited_until).toBeNull();
    const transactions = item.budgets.find((b: { scope: string }) => b.scope === 'transactions');
    expect(transactions).toMatchObject({ limit: 4, remaining: 3, stopped_reason: null });
    expect(item.budgets.find((b: { scope: string }) => b.scope === 'details')).toMatchObject({
      remaining: 3,
    });
  });

  it('creates one sync task per connection with the default interval and the seed’s retry policy', async () => {
    const { connection } = await kit.linkUser({ accounts: [{ booked: 1 }] });
    const [task] = await kit.dataSource.query(
      `SELECT task_type, source_id, interval_seconds, max_retries, retry_delay_seconds FROM scheduled_tasks WHERE source_id = '${connection.id}' AND task_type = 'gocardless.sync-transactions'`,
    );
    expect(task).toMatchObject({
      task_type: 'gocardless.sync-transactions',
      source_id: String(connection.id),
    });
    expect(Number(task.interval_seconds)).toBe(24 * 3600);
    expect(Number(task.max_retries)).toBe(3);
    expect(Number(task.retry_delay_seconds)).toBe(300);
  });
});
