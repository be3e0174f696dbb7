import request from 'supertest';
import { DataSource } from 'typeorm';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';

/** Two finsync instances on one database fire an every-second task: each fire runs exactly once. */
describe('two instances sharing one database', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { SCHEDULER_ENABLED: 'true', SCHEDULER_POLL_MS: '200' };
    first = await startTestApp(
      { ...env, SCHEDULER_INSTANCE_ID: 'e2e-one' },
      { extraImports: [ProbeTasksModule] },
    );
    second = await startTestApp(
      { ...env, SCHEDULER_INSTANCE_ID: 'e2e-two' },
      { extraImports: [ProbeTasksModule], db: first.db },
    );
  });

  afterAll(async () => {
    await second?.app.close();
    await first?.close();
  });

  it('runs each scheduled_for of an every-second task once over 10 s', async () => {
    const runs = first.app.get(DataSource).getRepository(TaskLogEntity);
    const task = await first.app.get(ScheduledTaskService).create({
      taskType: 'test.noop',
      scheduleType: 'cron',
      cron: '* * * * * *',
      overlapPolicy: 'allow',
    });
    const startedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await first.app.get(ScheduledTaskService).pause(task.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const rows = await runs.findBy({ taskId: task.id });
    const executed = rows.filter((row) => row.status !== 'missed' && row.status !== 'skipped');
    const perFire = new Map<number, number>();
    for (const row of executed)
      perFire.set(row.scheduledFor.getTime(), (perFire.get(row.scheduledFor.getTime()) ?? 0) + 1);
    expect([...perFire.values()].every((count) => count === 1)).toBe(true);
    expect(executed.every((row) => row.status === 'completed')).toBe(true);

    // Every second of the window fired (none lost), allowing for the first and last partial seconds.
    const fires = [...perFire.keys()].sort((a, b) => a - b);
    expect(fires.length).toBeGreaterThanOrEqual(9);
    for (let i = 1; i < fires.length; i++) expect(fires[i] - fires[i - 1]).toBe(1000);
    expect(fires[0] - startedAt).toBeLessThan(1500);
    const lags = executed.map((row) => row.executionStart.getTime() - row.scheduledFor.getTime());
    expect(Math.max(...lags)).toBeLessThan(1000);

    const status = await request(first.app.getHttpServer()).get('/health').expect(200);
    expect(status.body.details.database.status).toBe('up');
  }, 30_000);
});
