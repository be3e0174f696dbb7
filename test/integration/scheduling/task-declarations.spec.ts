import { createApp } from '../../../src/bootstrap';
import { AppConfig } from '../../../src/config/app-config';
import { validateEnvironment } from '../../../src/config/load-config';
import { DataSource } from 'typeorm';
import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { BROKEN_MODULES } from '../../fixtures/scheduling/broken-declarations';
import { YEARLY_JOB, YearlyJobModule } from '../../fixtures/scheduling/code-jobs.module';
import { ProbeTasksModule } from '../../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TEST_JWT_SECRET } from '../../utils/test-app';
import { createTestDatabase, TestDatabase } from '../../utils/test-database';

type ExtraImports = Parameters<typeof createApp>[1];

/** Boots the production app on `db` and returns why the boot failed. */
async function bootFailure(
  db: TestDatabase,
  extraImports: ExtraImports,
  env: Record<string, string> = {},
): Promise<string> {
  const config = new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: db.url,
      SCHEDULER_ENABLED: 'false',
      ...env,
    }),
  );
  const app = await createApp(config, extraImports);
  try {
    await app.init();
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app.close();
  }
  throw new Error('The app booted');
}

const HEADER = 'Scheduled task declarations the engine cannot adopt:\n';

describe('boot with job declarations the engine cannot adopt', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it.each([
    [
      'a handler with two parameters',
      BROKEN_MODULES.twoParameters,
      '  - TwoParameterJob.run (key broken.two-parameters): the handler declares 2 parameters; it takes at most one, the TaskRun',
    ],
    [
      'a @Cron without a name',
      BROKEN_MODULES.unnamedCron,
      "  - UnnamedCronJob.run (key none): @Cron needs a name, the task key: @Cron(expression, { name: '<module>.<job>' })",
    ],
    [
      'an @Interval without a name',
      BROKEN_MODULES.unnamedInterval,
      "  - UnnamedIntervalJob.run (key none): @Interval needs a name, the task key: @Interval('<module>.<job>', ms)",
    ],
    [
      'a cron expression the engine rejects',
      BROKEN_MODULES.badCron,
      '  - BadCronJob.run (key broken.february-31): cron expression "0 0 31 2 *" is rejected: cron day-of-month field: day 31 never occurs in the selected months',
    ],
    [
      'a key declared twice',
      BROKEN_MODULES.duplicateKey,
      '  - SecondCleanupJob.sweep (key broken.duplicate): the key is already declared by FirstCleanupJob.run',
    ],
    [
      'a key the engine declares already',
      BROKEN_MODULES.builtInKey,
      '  - HousekeepingImpostor.run (key scheduler.cleanup-logs): the key is already declared by HousekeepingTasks.cleanupLogs',
    ],
    [
      'a job in a request-scoped provider',
      BROKEN_MODULES.requestScoped,
      '  - RequestScopedJob.run (key broken.request-scoped): its provider is request-scoped or transient; task handlers live in singletons',
    ],
  ])('fails on %s, naming class, method and key', async (_case, module, problem) => {
    expect(await bootFailure(db, [module])).toBe(HEADER + problem);
  });

  it("fails on a job named like one of the engine's own timers", async () => {
    expect(
      await bootFailure(db, [BROKEN_MODULES.engineTimerName], { SCHEDULER_ENABLED: 'true' }),
    ).toBe(
      "The engine's timer scheduler.dispatcher has the name of a code-declared task: rename the task",
    );
  });

  it('fails when another module imports ScheduleModule.forRoot() with its explorer on', async () => {
    expect(await bootFailure(db, [BROKEN_MODULES.ownScheduleModule])).toBe(
      HEADER +
        '  - ScheduleModule.forRoot() is imported with Nest’s explorer on for cron jobs or intervals, so Nest ' +
        'would call @Cron/@Interval methods itself, outside the engine: SchedulingModule imports it, remove the other import',
    );
  });

  it('lists every problem at once', async () => {
    expect(await bootFailure(db, [BROKEN_MODULES.severalProblems])).toBe(
      HEADER +
        '  - SeveralProblems.options (key broken.options): @Cron option waitForCompletion is not supported (use @TaskOptions({ overlap }))\n' +
        '  - SeveralProblems.keyless (key none): declares no key: add @Cron / @Interval with a name, or a key to @TaskOptions',
    );
  });
});

describe('boot with task rows whose handler is gone', () => {
  it('fails on active API tasks of an unknown task_type, unless the scheduler is off on the instance; paused ones do not count', async () => {
    const withHandler = await startTestApp(
      { SCHEDULER_ENABLED: 'false' },
      { extraImports: [ProbeTasksModule] },
    );
    const { db } = withHandler;
    try {
      const tasks = withHandler.app.get(ScheduledTaskService);
      const definition = {
        taskType: 'test.probe',
        scheduleType: 'interval' as const,
        intervalSeconds: 3600,
      };
      const first = await tasks.create(definition);
      const second = await tasks.create(definition);
      await tasks.pause((await tasks.create(definition)).id);
      await withHandler.app.close();

      const failure = await bootFailure(db, [], { SCHEDULER_ENABLED: 'true' });
      expect(failure).toBe(
        [
          'Active scheduled tasks name a task_type that no handler declares, so every fire would fail:',
          `  - test.probe: 2 task(s), e.g. ${[first.id, second.id].sort()[0]}`,
          'Restore the handler, or pause, delete or retype these tasks (POST /api/v1/scheduled-tasks/{id}/pause, ' +
            'DELETE /api/v1/scheduled-tasks/{id}, PATCH task_type) through an instance that still has the handler ' +
            'or one started with SCHEDULER_ENABLED=false, which boots and only reports this.',
        ].join('\n'),
      );

      const apiOnly = await startTestApp({ SCHEDULER_ENABLED: 'false' }, { db });
      const repair = apiOnly.app.get(ScheduledTaskService);
      await repair.pause(first.id);
      await repair.remove(second.id);
      await apiOnly.app.close();

      const scheduler = await startTestApp({ SCHEDULER_ENABLED: 'true' }, { db });
      await scheduler.app.close();
    } finally {
      await db.drop();
    }
  });

  it('disables a code-declared task no code declares any more, keeps it, and brings it back when declared again', async () => {
    const declared = await startTestApp({}, { extraImports: [YearlyJobModule] });
    const { db } = declared;
    try {
      const store = { tasks: declared.app.get(DataSource).getRepository(ScheduledTaskEntity) };
      const row = await store.tasks.findOneByOrFail({ codeKey: YEARLY_JOB });
      expect(row).toMatchObject({ enabled: true, name: 'New year' });
      expect(row.nextRun).not.toBeNull();
      await declared.app.close();

      const removed = await startTestApp({ SCHEDULER_ENABLED: 'true' }, { db });
      const retired = await removed.app
        .get(DataSource)
        .getRepository(ScheduledTaskEntity)
        .findOneByOrFail({ id: row.id });
      expect(retired).toMatchObject({ enabled: false, nextRun: null, version: row.version + 1 });
      await removed.app.close();

      const restored = await startTestApp({}, { extraImports: [YearlyJobModule], db });
      const back = await restored.app
        .get(DataSource)
        .getRepository(ScheduledTaskEntity)
        .findOneByOrFail({ id: row.id });
      expect(back).toMatchObject({ enabled: true, nextRun: row.nextRun });
      await restored.app.close();
    } finally {
      await db.drop();
    }
  });
});
