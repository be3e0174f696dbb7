import request from 'supertest';
import { SyncAuditEntity } from '../../src/banking/audit/sync-audit.entity';
import { TINK_SYNC_TASK_KEY } from '../../src/banking/providers/tink/tink.tasks';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import { BankingKit, LinkedUser, startBankingKit } from '../kits/banking-kit';
import { startTinkSimulator, toTinkAmount } from '../simulators/tink';
import { startTestApp } from '../utils/test-app';

const api = (path: string): string => `/api/v1${path}`;

interface TransactionItem {
  id: number;
  account_id: number;
  status: string;
  booking_date: string;
  amount: string;
}

describe('banking API over HTTP', () => {
  let kit: BankingKit;
  let http: ReturnType<typeof request>;
  let alice: LinkedUser;
  let bob: LinkedUser;
  let admin: string;
  let asAlice: string;

  beforeAll(async () => {
    kit = await startBankingKit({ SCHEDULER_ENABLED: 'false' });
    http = request(kit.app.getHttpServer());
    alice = await kit.linkUser();
    bob = await kit.linkUser();
    admin = `Bearer ${kit.tokenFor('admin', 999)}`;
    asAlice = `Bearer ${kit.tokenFor('user', alice.user.id)}`;
  });

  afterAll(async () => {
    await kit?.close();
  });

  const audits = (userId: number): Promise<SyncAuditEntity[]> =>
    kit.dataSource.getRepository(SyncAuditEntity).find({ where: { userId }, order: { id: 'ASC' } });

  describe('POST /banking/tink/refresh-data', () => {
    it("syncs the caller's connections synchronously and writes the audit row", async () => {
      const res = await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', asAlice)
        .expect(200);
      expect(res.body).toMatchObject({
        user_id: alice.user.id,
        total: 1,
        successful: 1,
        failed: 0,
        skipped: 0,
        results: [
          {
            connection_id: alice.connection.id,
            outcome: 'synced',
            refresh: 'refreshed',
            accounts: 2,
            transactions: { inserted: 22, updated: 0, removed: 0 },
            status: 'active',
          },
        ],
      });
      const [audit] = await audits(alice.user.id);
      expect(audit).toMatchObject({
        actorUserId: alice.user.id,
        actorRole: 'user',
        connectionId: alice.connection.id,
        provider: 'tink',
        outcome: 'synced',
      });
      expect(audit.finishedAt.getTime()).toBeGreaterThanOrEqual(audit.startedAt.getTime());
    });

    it("lets an admin refresh any user's data, and nobody else", async () => {
      await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', asAlice)
        .send({ user_id: bob.user.id })
        .expect(403);
      const res = await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', admin)
        .send({ user_id: bob.user.id })
        .expect(200);
      expect(res.body).toMatchObject({ user_id: bob.user.id, successful: 1 });
      expect(await audits(bob.user.id)).toEqual([
        expect.objectContaining({ actorUserId: 999, actorRole: 'admin', outcome: 'synced' }),
      ]);
    });

    it('rejects bad input, unknown connections and missing tokens', async () => {
      await http.post(api('/banking/tink/refresh-data')).expect(401);
      const bad = await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', asAlice)
        .send({ connection_id: 'x' })
        .expect(400);
      expect(bad.body.message).toMatch(/connection_id/);
      await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', asAlice)
        .send({ connection_id: bob.connection.id })
        .expect(404);
    });
  });

  describe('POST /banking/{provider}/refresh-data', () => {
    it('answers 404 naming a provider nobody registered, whatever the body', async () => {
      const res = await http
        .post(api('/banking/powens/refresh-data'))
        .set('Authorization', asAlice)
        .send({ connection_id: 'x' })
        .expect(404);
      expect(res.body.message).toMatch(/^Unknown bank provider "powens" \(registered: /);
      await http.post(api('/banking/powens/refresh-data')).expect(401);
    });

    it('is the route /banking/tink/refresh-data is served by: tink syncs there', async () => {
      const res = await http
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', asAlice)
        .send({ connection_id: alice.connection.id })
        .expect(200);
      expect(res.body).toMatchObject({ user_id: alice.user.id, total: 1 });
      expect(res.body.results[0]).toMatchObject({ connection_id: alice.connection.id });
    });
  });

  describe('GET /health', () => {
    it('reports tink up against the simulator', async () => {
      const res = await http.get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, tink: { status: 'up' } },
      });
    });
  });

  describe('reading bank data', () => {
    it('lists connections with their sync state and no secrets', async () => {
      const res = await http
        .get(api('/banking/connections'))
        .set('Authorization', asAlice)
        .expect(200);
      expect(res.body).toEqual({
        items: [
          expect.objectContaining({
            id: alice.connection.id,
            provider: 'tink',
            status: 'active',
            last_success_at: expect.any(String),
          }),
        ],
        next_cursor: null,
      });
      const sealed = (await kit.connection(alice.connection.id)).sealedSecrets ?? '';
      expect(sealed).not.toBe('');
      expect(JSON.stringify(res.body)).not.toMatch(/sealed|secret|token|v1:/i);
    });

    it('lists accounts with masked IBANs and exact balances', async () => {
      const res = await http.get(api('/accounts')).set('Authorization', asAlice).expect(200);
      expect(res.body.items).toHaveLength(2);
      for (const account of res.body.items) {
        expect(account).toMatchObject({ connection_id: alice.connection.id, provider: 'tink' });
        expect(account.iban).toMatch(/^GB\d{2}\*+\d{4}$/);
        expect(account.balance).toMatch(/^-?\d+\.\d{4}$/);
      }
      const ibans = kit.sim.data.accountsOf(alice.simUser.id).map((a) => a.iban);
      expect(JSON.stringify(res.body)).not.toContain(ibans[0]);
    });

    it('pages through transactions newest first with a cursor', async () => {
      const seen: TransactionItem[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http
          .get(api('/transactions'))
          .query({ limit: 5, ...(cursor ? { cursor } : {}) })
          .set('Authorization', asAlice)
          .expect(200);
        seen.push(...page.body.items);
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(22);
      expect(new Set(seen.map((t) => t.id)).size).toBe(22);
      const dates = seen.map((t) => t.booking_date);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(seen[0].amount).toMatch(/^-?\d+\.\d{4}$/);
    });

    it('filters by status, account and booking-date range', async () => {
      const pending = await http
        .get(api('/transactions'))
        .query({ status: 'pending' })
        .set('Authorization', asAlice)
        .expect(200);
      expect(pending.body.items.map((t: TransactionItem) => t.status)).toEqual([
        'pending',
        'pending',
      ]);

      const all = (
        await http.get(api('/transactions')).query({ limit: 50 }).set('Authorization', asAlice)
      ).body.items as TransactionItem[];
      const accountId = all[0].account_id;
      const oneAccount = await http
        .get(api('/transactions'))
        .query({ account_id: accountId, limit: 50 })
        .set('Authorization', asAlice)
        .expect(200);
      expect(oneAccount.body.items).toHaveLength(11);

      const [from, to] = [all[15].booking_date, all[5].booking_date];
      const range = await http
        .get(api('/transactions'))
        .query({ from, to, limit: 50 })
        .set('Authorization', asAlice)
        .expect(200);
      const expected = all.filter((t) => t.booking_date >= from && t.booking_date <= to);
      expect(range.body.items.map((t: TransactionItem) => t.id)).toEqual(expected.map((t) => t.id));
    });

    it('keeps users to their own data; admins may name a user', async () => {
      const bobsAccounts = await http
        .get(api('/accounts'))
        .query({ user_id: bob.user.id })
        .set('Authorization', admin)
        .expect(200);
      expect(bobsAccounts.body.items).toHaveLength(2);
      await http
        .get(api('/transactions'))
        .query({ user_id: bob.user.id })
        .set('Authorization', asAlice)
        .expect(403);
      await http
        .get(api('/transactions'))
        .query({ account_id: bobsAccounts.body.items[0].id })
        .set('Authorization', asAlice)
        .expect(404);
    });

    it.each([
      [{ from: '2026-02-30' }, /from/],
      [{ from: '2026-03-02', to: '2026-03-01' }, /from must not be after to/],
      [{ status: 'settled' }, /status/],
      [{ limit: 0 }, /limit/],
    ])('answers 400 for %j', async (query, message) => {
      const res = await http
        .get(api('/transactions'))
        .query(query)
        .set('Authorization', asAlice)
        .expect(400);
      expect(res.body.message).toMatch(message);
    });
  });

  describe('the job through run-now', () => {
    it('runs tink.sync-connections and records its stats in the run history', async () => {
      const tasks = await http
        .get(api('/scheduled-tasks'))
        .query({ task_type: TINK_SYNC_TASK_KEY })
        .set('Authorization', admin)
        .expect(200);
      const [task] = tasks.body.items;
      expect(task).toMatchObject({ schedule_type: 'interval', interval_seconds: 6 * 3600 });

      const started = await http
        .post(api(`/scheduled-tasks/${task.id}/run`))
        .set('Authorization', admin)
        .expect(202);
      const deadline = Date.now() + 15_000;
      let run: { status: string; details: Record<string, unknown> } | undefined;
      while (Date.now() < deadline) {
        const runs = await http
          .get(api(`/scheduled-tasks/${task.id}/runs`))
          .set('Authorization', admin)
          .expect(200);
        run = runs.body.items.find((item: { id: string }) => item.id === started.body.run_id);
        if (run && run.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(run).toMatchObject({
        status: 'completed',
        details: {
          connections_found: 2,
          successful: 2,
          failed: 0,
          skipped_no_subscription: 0,
          message: expect.stringMatching(
            /^Tink sync job completed in \d+\.\d\ds: 2\/2 successful, 0 failed, 0 skipped \(no subscription\)$/,
          ),
        },
      });
    });
  });
});

describe('GET /transactions keeps what the bank says', () => {
  let kit: BankingKit;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    kit = await startBankingKit({ SCHEDULER_ENABLED: 'false' });
    http = request(kit.app.getHttpServer());
  });

  afterAll(async () => {
    await kit?.close();
  });

  it("returns the bank's own text and the category id next to the display text and name", async () => {
    const carol = await kit.linkUser({ transactionsPerAccount: 1 });
    const [account] = kit.sim.data.accountsOf(carol.simUser.id);
    const today = new Date(kit.sim.control.now()).toISOString().slice(0, 10);
    kit.sim.data.addTransaction(account.id, {
      bookedDate: today,
      amount: toTinkAmount('-3.20', 2),
      description: 'Coffee',
      originalDescription: 'CARD PURCHASE 17',
      categoryId: 'expenses:food.coffee',
      categoryName: 'Coffee',
    });
    kit.sim.data.addTransaction(account.id, {
      bookedDate: today,
      amount: toTinkAmount('-9.99', 2),
      description: 'Streaming',
      originalDescription: 'DD NETFLIX.COM 0423',
      categoryId: 'expenses:entertainment',
      categoryName: '',
    });
    const asCarol = `Bearer ${kit.tokenFor('user', carol.user.id)}`;
    await http.post(api('/banking/tink/refresh-data')).set('Authorization', asCarol).expect(200);

    const res = await http
      .get(api('/transactions'))
      .query({ from: today, limit: 50 })
      .set('Authorization', asCarol)
      .expect(200);
    const byDescription = new Map<string, Record<string, unknown>>(
      res.body.items.map((item: Record<string, unknown>) => [item.description, item]),
    );
    expect(byDescription.get('Coffee')).toMatchObject({
      original_description: 'CARD PURCHASE 17',
      category_id: 'expenses:food.coffee',
      category: 'Coffee',
    });
    expect(byDescription.get('Streaming')).toMatchObject({
      original_description: 'DD NETFLIX.COM 0423',
      category_id: 'expenses:entertainment',
      category: null,
    });
  });
});

describe('banking API without Tink credentials', () => {
  it('answers 503 on refresh-data, skips the job and reports tink not configured', async () => {
    const app = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    try {
      const res = await request(app.app.getHttpServer())
        .post(api('/banking/tink/refresh-data'))
        .set('Authorization', `Bearer ${app.tokenFor('user', 5)}`)
        .expect(503);
      expect(res.body.message).toMatch(/TINK_CLIENT_ID/);

      const task = await app.app.get(ScheduledTaskService).findByIdOrKey(TINK_SYNC_TASK_KEY);
      const run = await app.app.get(TaskRunner).start(task, new Date(), 'manual');
      expect(run.started && (await run.done)).toBe('skipped');

      const health = await request(app.app.getHttpServer()).get('/health').expect(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.details.tink).toEqual({
        status: 'not_configured',
        reason: 'Tink is not configured: set TINK_CLIENT_ID and TINK_CLIENT_SECRET',
      });
    } finally {
      await app.close();
    }
  });
});

describe('/health while the Tink token endpoint fails', () => {
  it('reports tink degraded with a reason and no secrets, still HTTP 200, and caches the answer', async () => {
    const sim = await startTinkSimulator();
    sim.control.injectFault({ route: 'oauth.token', kind: 'status', status: 503, times: null });
    const app = await startTestApp({
      SCHEDULER_ENABLED: 'false',
      TINK_API_URL: sim.url,
      TINK_CLIENT_ID: sim.clientId,
      TINK_CLIENT_SECRET: sim.clientSecret,
    });
    try {
      const http = request(app.app.getHttpServer());
      const res = await http.get('/health').expect(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.details.database.status).toBe('up');
      expect(res.body.details.tink).toEqual({
        status: 'degraded',
        reason: expect.stringMatching(/client token/),
      });
      expect(res.text).not.toContain(sim.clientSecret);
      expect(res.text).not.toContain(sim.clientId);

      const tokenRequests = sim.control.counters().byRoute['oauth.token'];
      sim.control.clearFaults();
      const again = await http.get('/health').expect(200);
      expect(again.body.details.tink.status).toBe('degraded');
      expect(sim.control.counters().byRoute['oauth.token']).toBe(tokenRequests);
    } finally {
      await app.close();
      await sim.stop();
    }
  });
});
