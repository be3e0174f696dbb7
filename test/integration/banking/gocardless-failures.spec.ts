import { GoCardlessKit, startGoCardlessKit } from '../../kits/gocardless-kit';

const ACCOUNT_ROUTES = [
  'accounts.metadata',
  'accounts.details',
  'accounts.balances',
  'accounts.transactions',
] as const;

describe('GoCardless failures against the simulator', () => {
  let kit: GoCardlessKit;

  beforeAll(async () => {
    kit = await startGoCardlessKit();
  });

  afterAll(async () => {
    await kit?.close();
  });

  const accountCalls = (): number => {
    const byRoute = kit.sim.counters().byRoute;
    return ACCOUNT_ROUTES.reduce((sum, route) => sum + (byRoute[route] ?? 0), 0);
  };

  describe.each([400, 401] as const)('an expired end-user agreement answered with %i', (status) => {
    it('makes the connection needs_reauth at once, and nothing calls the bank again', async () => {
      const { connection, seeded, user } = await kit.linkUser({
        accounts: [{ booked: 3 }, { booked: 3 }],
      });
      kit.sim.expireAgreement(seeded.agreementId, { status });
      kit.sim.resetCounters();

      const run = await kit.runSync(connection.id);
      // An outcome, not a broken run: recorded, not thrown, so the task schedules no retry.
      expect(run.run.details).toMatchObject({ outcome: 'failed', reason: 'needs_reauth' });
      const [task] = await kit.dataSource.query(
        `SELECT retry_at FROM scheduled_tasks WHERE id = '${run.run.taskId}'`,
      );
      expect(task.retry_at).toBeNull();
      const after = await kit.connection(connection.id);
      expect(after.status).toBe('needs_reauth');
      expect(after.lastError).toMatch(/expired/i);
      // The first account's answer ended the sync: the second account was never asked.
      expect(kit.sim.counters().byRoute['accounts.transactions']).toBe(1);
      expect(kit.sim.counters().byStatus[String(status)]).toBe(1);

      kit.sim.resetCounters();
      await kit.runSync(connection.id, 'manual');
      const refresh = await kit.http
        .post('/api/v1/banking/gocardless/refresh-data')
        .set('Authorization', kit.bearer(user))
        .send({})
        .expect(200);
      expect(refresh.body.results[0]).toMatchObject({ outcome: 'skipped', reason: 'needs_reauth' });
      expect(accountCalls()).toBe(0);
    });
  });

  it('treats a consent revoked at the bank (401 AccessExpiredError) as needs_reauth', async () => {
    const { connection, seeded } = await kit.linkUser({ accounts: [{ booked: 2 }] });
    kit.sim.revokeAgreement(seeded.agreementId);
    await kit.runSync(connection.id);
    expect((await kit.connection(connection.id)).status).toBe('needs_reauth');
  });

  it('never lets a failing bank suspend an account: the circuit opens after 3 failed calls', async () => {
    const { connection, seeded, user } = await kit.linkUser({ accounts: [{ booked: 2 }] });
    const accountId = seeded.accounts[0].id;
    kit.sim.failAccount(accountId, { error: 'UnknownRequestError', times: 100 });
    kit.sim.setAccountSuccessLimit(accountId, 100);

    const statuses: string[] = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push((await kit.runSync(connection.id, 'manual')).status);

    expect(kit.sim.failureStreak(accountId)).toBe(3);
    expect(kit.sim.account(accountId).status).not.toBe('SUSPENDED');
    expect(statuses.slice(0, 3)).toEqual(['failed', 'failed', 'failed']);
    expect(statuses.slice(3).every((status) => status === 'skipped')).toBe(true);

    const refresh = await kit.http
      .post('/api/v1/banking/gocardless/refresh-data')
      .set('Authorization', kit.bearer(user))
      .send({})
      .expect(409);
    expect(Date.parse(refresh.body.retry_at)).toBeGreaterThan(Date.now());
  });

  it('stops an account GoCardless reports in ERROR, with the reason shown, while the other keeps syncing', async () => {
    const { connection, seeded, user } = await kit.linkUser({
      accounts: [{ booked: 2 }, { booked: 2 }],
    });
    const [broken, healthy] = seeded.accounts;
    kit.sim.setAccountStatus(broken.id, 'ERROR');
    await kit.runSync(connection.id, 'manual');
    await kit.runSync(connection.id, 'manual');
    kit.sim.resetCounters();
    await kit.runSync(connection.id, 'manual');
    expect(kit.sim.counters().accountSuccesses[broken.id]).toBeUndefined();
    expect(kit.sim.counters().accountSuccesses[healthy.id]?.transactions).toBe(1);

    const res = await kit.http
      .get('/api/v1/banking/connections')
      .set('Authorization', kit.bearer(user))
      .expect(200);
    const budgets: { account: string; stopped_reason: string | null }[] = res.body.items[0].budgets;
    expect(budgets.find((b) => b.account === broken.id)?.stopped_reason).toMatch(/ERROR/);
    expect(budgets.find((b) => b.account === healthy.id)?.stopped_reason).toBeNull();
  });

  it('answers a manual refresh with 409 and retry_at once the transactions budget is spent', async () => {
    const { user, seeded } = await kit.linkUser({ accounts: [{ booked: 2 }] });
    const accountId = seeded.accounts[0].id;
    kit.sim.resetCounters();
    // The first sync spent one of four; a person may spend all but the one the schedule needs.
    for (let i = 0; i < 2; i += 1) {
      await kit.http
        .post('/api/v1/banking/gocardless/refresh-data')
        .set('Authorization', kit.bearer(user))
        .send({})
        .expect(200);
    }
    const refused = await kit.http
      .post('/api/v1/banking/gocardless/refresh-data')
      .set('Authorization', kit.bearer(user))
      .send({})
      .expect(409);
    expect(refused.body.message).toMatch(/budget/);
    expect(Date.parse(refused.body.retry_at)).toBeGreaterThan(Date.now());
    expect(kit.sim.counters().accountSuccesses[accountId]?.transactions).toBe(2);
    expect(kit.sim.counters().rateLimited.total).toBe(0);
  });

  it('moves a scheduled sync that finds the budget spent to when it frees up, calling nothing', async () => {
    const { connection, seeded } = await kit.linkUser({ accounts: [{ booked: 2 }] });
    const accountId = seeded.accounts[0].id;
    for (let i = 0; i < 3; i += 1) await kit.runSync(connection.id, 'manual');
    expect(kit.sim.accountLimit(accountId, 'transactions').remaining).toBe(0);
    kit.sim.resetCounters();

    const { run } = await kit.runSync(connection.id, 'schedule');
    expect(run.status).toBe('skipped');
    expect(run.details).toMatchObject({ outcome: 'skipped', reason: 'budget_spent' });
    expect(accountCalls()).toBe(0);
    const [task] = await kit.dataSource.query(
      `SELECT retry_at FROM scheduled_tasks WHERE id = '${run.taskId}'`,
    );
    expect(new Date(task.retry_at).toISOString()).toBe(
      (run.details as { retry_at: string }).retry_at,
    );
    expect(new Date(task.retry_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });
});
