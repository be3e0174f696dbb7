import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import {
  CONSENT_EXPIRING_EVENT,
  type ConsentExpiringEvent,
} from '../../../src/banking/providers/gocardless/connect/gocardless-health.service';
import { GoCardlessApiService } from '../../../src/banking/providers/gocardless/client/gocardless-api.service';
import {
  GOCARDLESS_HEALTH_TASK_KEY,
  GOCARDLESS_TOKEN_TASK_KEY,
} from '../../../src/banking/providers/gocardless/gocardless.tasks';
import { Clock } from '../../../src/core/scheduling/clock';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { GOCARDLESS_TEST_ENV, GoCardlessKit, startGoCardlessKit } from '../../kits/gocardless-kit';
import { startTestApp } from '../../utils/test-app';

const DAY = 86_400_000;

describe('GoCardless consent check and token pair', () => {
  let kit: GoCardlessKit;

  beforeAll(async () => {
    kit = await startGoCardlessKit();
  });

  afterAll(async () => {
    await kit?.close();
  });

  const runCodeTask = async (key: string) => {
    const task = await kit.app.get(ScheduledTaskService).findByIdOrKey(key);
    const started = await kit.app.get(TaskRunner).start(task, kit.app.get(Clock).now(), 'manual');
    if (!started.started) throw new Error(`not started: ${started.reason}`);
    return started.done;
  };

  it('marks an expired requisition needs_reauth and warns about a consent ending within 7 days', async () => {
    const now = kit.sim.now();
    const expiring = await kit.linkUser({
      accessValidForDays: 90,
      acceptedAt: now - 85 * DAY,
      accounts: [{ booked: 1 }],
    });
    const expired = await kit.linkUser({ accounts: [{ booked: 1 }] });
    const healthy = await kit.linkUser({ accounts: [{ booked: 1 }] });
    kit.sim.expireAgreement(expired.seeded.agreementId);

    const events: ConsentExpiringEvent[] = [];
    const listener = (event: ConsentExpiringEvent): void => {
      events.push(event);
    };
    kit.app.get(EventEmitter2).on(CONSENT_EXPIRING_EVENT, listener);
    try {
      expect(await runCodeTask(GOCARDLESS_HEALTH_TASK_KEY)).toBe('completed');
    } finally {
      kit.app.get(EventEmitter2).off(CONSENT_EXPIRING_EVENT, listener);
    }

    expect(events.map((e) => e.connectionId)).toEqual([expiring.connection.id]);
    const warned = await kit.connection(expiring.connection.id);
    expect(warned.status).toBe('active');
    expect(warned.consentExpiresAt?.getTime()).toBe(now - 85 * DAY + 90 * DAY);
    expect((await kit.connection(expired.connection.id)).status).toBe('needs_reauth');
    expect((await kit.connection(healthy.connection.id)).status).toBe('active');

    const res = await kit.http
      .get('/api/v1/banking/connections')
      .set('Authorization', kit.bearer(expiring.user))
      .expect(200);
    expect(Date.parse(res.body.items[0].consent_expires_at)).toBe(now + 5 * DAY);
  });

  it('counts each connection as an item: a check that fails makes the run partial', async () => {
    const checked = await kit.app.get(BankConnectionsService).listForScheduledSync('gocardless');
    expect(checked.length).toBeGreaterThan(1);
    kit.sim.failRoute({ route: 'requisitions.get', status: 403, times: 1 });

    expect(await runCodeTask(GOCARDLESS_HEALTH_TASK_KEY)).toBe('partial');

    const [run] = await kit.dataSource.query(
      'SELECT items_total, items_succeeded, items_failed, retry_items FROM task_logs r JOIN scheduled_tasks t ON t.id = r.task_id WHERE t.code_key = ? ORDER BY r.execution_start DESC LIMIT 1',
      [GOCARDLESS_HEALTH_TASK_KEY],
    );
    expect(Number(run.items_total)).toBe(checked.length);
    expect(Number(run.items_succeeded)).toBe(checked.length - 1);
    expect(Number(run.items_failed)).toBe(1);
    const retryItems: unknown =
      typeof run.retry_items === 'string' ? JSON.parse(run.retry_items) : run.retry_items;
    expect(retryItems).toHaveLength(1);
  });

  it('keeps the token pair sealed in the database and renews it on the hourly task', async () => {
    const [row] = await kit.dataSource.query(
      'SELECT sealed, access_expires_at FROM gocardless_app_tokens',
    );
    expect(row.sealed).toMatch(/^v1:/);
    const token = await kit.app.get(GoCardlessApiService).client?.tokens.accessToken();
    expect(token).toBeTruthy();
    expect(row.sealed).not.toContain(token as string);
    expect(await runCodeTask(GOCARDLESS_TOKEN_TASK_KEY)).toBe('completed');
  });

  it('shares one token pair between instances on one database: a second instance mints none', async () => {
    const issued = kit.sim.counters().tokensIssued;
    const second = await startTestApp(
      {
        ...GOCARDLESS_TEST_ENV,
        GOCARDLESS_API_URL: kit.sim.apiUrl,
        GOCARDLESS_SECRET_ID: kit.sim.secretId,
        GOCARDLESS_SECRET_KEY: kit.sim.secretKey,
      },
      { db: kit.db },
    );
    try {
      const client = second.app.get(GoCardlessApiService).client;
      await client?.institutions('DE');
      expect(kit.sim.counters().tokensIssued).toBe(issued);
      expect(
        await second.app.get(DataSource).query('SELECT id FROM gocardless_app_tokens'),
      ).toHaveLength(1);
    } finally {
      await second.app.close();
    }
  });
});
