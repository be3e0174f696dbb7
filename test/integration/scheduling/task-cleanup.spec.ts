import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../../src/banking/connections/bank-connection.entity';
import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import { Clock } from '../../../src/core/scheduling/clock';
import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { UserEntity } from '../../../src/users/user.entity';
import { taskRow } from '../../fakes/task-rows';
import { PerSourceTasksModule } from '../../fixtures/scheduling/per-source-tasks.module';
import { ProbeTasksModule } from '../../fixtures/scheduling/probe-tasks.module';
import { startTestApp, type TestApp } from '../../utils/test-app';

const DAY_MS = 86_400_000;

describe('scheduler.cleanup-tasks', () => {
  let app: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startTestApp(
      { SCHEDULER_ENABLED: 'false', LOG_RETENTION_DAYS: '30' },
      { extraImports: [ProbeTasksModule, PerSourceTasksModule] },
    );
    dataSource = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('deletes failed one-off tasks past the retention and tasks whose source row is gone, with their runs, and nothing else', async () => {
    const now = app.app.get(Clock).now();
    const old = new Date(now.getTime() - 40 * DAY_MS);
    const recent = new Date(now.getTime() - 5 * DAY_MS);
    const user = await dataSource.getRepository(UserEntity).save({
      email: 'cleanup@example.com',
      displayName: 'Cleanup',
      subscriptionPlan: 'premium',
    });
    const connections = app.app.get(BankConnectionsService);
    const kept = await connections.create({
      userId: user.id,
      provider: 'tink',
      providerUserId: 'u-kept',
      externalId: 'cred-kept',
    });
    const gone = await connections.create({
      userId: user.id,
      provider: 'tink',
      providerUserId: 'u-gone',
      externalId: 'cred-gone',
    });
    await dataSource.getRepository(BankConnectionEntity).delete({ id: gone.id });

    const once = (status: ScheduledTaskEntity['status'], lastRun: Date, extra = {}) => ({
      scheduleType: 'once' as const,
      intervalSeconds: null,
      runAt: lastRun,
      status,
      lastRun,
      nextRun: null,
      ...extra,
    });
    const tasks: Record<string, Partial<ScheduledTaskEntity>> = {
      failedOld: once('failed', old),
      timedOutOld: once('timed_out', old),
      interruptedOld: once('interrupted', old),
      failedRecent: once('failed', recent),
      completedOld: once('completed', old),
      failedOldAwaitingRetry: once('failed', old, { retryAt: new Date(now.getTime() + DAY_MS) }),
      intervalFailedOld: { status: 'failed', lastRun: old },
      connectionKept: { taskType: 'test.per-connection', sourceId: String(kept.id) },
      connectionGone: { taskType: 'test.per-connection', sourceId: String(gone.id) },
      connectionGoneRunning: {
        taskType: 'test.per-connection',
        sourceId: String(gone.id),
        status: 'running',
      },
      userGone: { taskType: 'test.per-user', sourceId: String(user.id + 1000) },
      userKept: { taskType: 'test.per-user', sourceId: String(user.id) },
      // A type that declares no source: its source_id is only a label.
      undeclaredSource: { taskType: 'test.probe', sourceId: '999999' },
    };
    const ids: Record<string, string> = {};
    for (const [name, overrides] of Object.entries(tasks)) {
      const row = taskRow({ name, ...overrides });
      ids[name] = row.id;
      await dataSource.getRepository(ScheduledTaskEntity).insert(row);
      await dataSource.getRepository(TaskLogEntity).insert({
        id: randomUUID(),
        taskId: row.id,
        scheduledFor: old,
        trigger: 'schedule',
        attempt: 1,
        status: 'completed',
        executionStart: old,
      });
    }

    const cleanup = await app.app
      .get(ScheduledTaskService)
      .findByIdOrKey('scheduler.cleanup-tasks');
    expect(cleanup).toMatchObject({ cronExpression: '45 3 * * 0', timezone: 'UTC' });
    const started = await app.app.get(TaskRunner).start(cleanup, now, 'manual');
    if (!started.started) throw new Error(`run not started: ${started.reason}`);
    await started.done;

    const run = await dataSource
      .getRepository(TaskLogEntity)
      .findOneByOrFail({ id: started.runId });
    expect(run.status).toBe('completed');
    expect(run.details).toMatchObject({
      failed_one_off: 3,
      orphaned: { 'test.per-connection': 1, 'test.per-user': 1 },
    });
    const removed = ['failedOld', 'timedOutOld', 'interruptedOld', 'connectionGone', 'userGone'];
    const remaining = new Set(
      (await dataSource.getRepository(ScheduledTaskEntity).find({ select: { id: true } })).map(
        (task) => task.id,
      ),
    );
    const runsLeft = new Set(
      (await dataSource.getRepository(TaskLogEntity).find({ select: { taskId: true } })).map(
        (log) => log.taskId,
      ),
    );
    for (const [name, id] of Object.entries(ids)) {
      const expected = !removed.includes(name);
      expect({ name, task: remaining.has(id), runs: runsLeft.has(id) }).toEqual({
        name,
        task: expected,
        runs: expected,
      });
    }
  });
});
