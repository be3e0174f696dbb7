import { DataSource, Repository } from 'typeorm';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { TaskDefinition } from '../../src/scheduled-tasks/task-definition';
import { RunLedgerStore } from '../../src/core/scheduling/store/run-ledger.store';
import { TaskSettingsStore } from '../../src/core/scheduling/store/task-settings.store';
import { TaskStateStore } from '../../src/core/scheduling/store/task-state.store';
import { ProbeTasks, ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';
import { TestDatabase } from '../utils/test-database';

export interface SchedulingKit extends TestApp {
  tasks: ScheduledTaskService;
  settings: TaskSettingsStore;
  state: TaskStateStore;
  ledger: RunLedgerStore;
  /** The tables themselves, to arrange rows and check what the engine wrote. */
  taskRows: Repository<ScheduledTaskEntity>;
  runRows: Repository<TaskLogEntity>;
  probes: ProbeTasks;
  createTask(definition: Partial<TaskDefinition>): Promise<ScheduledTaskEntity>;
}

/** An app with the probe handlers; the scheduler's timers are off unless `env` turns them on. */
export async function startSchedulingKit(
  env: Record<string, string> = {},
  db?: TestDatabase,
): Promise<SchedulingKit> {
  const app = await startTestApp(
    { SCHEDULER_ENABLED: 'false', SCHEDULER_POLL_MS: '100', ...env },
    { extraImports: [ProbeTasksModule], db },
  );
  const tasks = app.app.get(ScheduledTaskService);
  return {
    ...app,
    tasks,
    settings: app.app.get(TaskSettingsStore),
    state: app.app.get(TaskStateStore),
    ledger: app.app.get(RunLedgerStore),
    taskRows: app.app.get(DataSource).getRepository(ScheduledTaskEntity),
    runRows: app.app.get(DataSource).getRepository(TaskLogEntity),
    probes: app.app.get(ProbeTasks),
    createTask: (definition) =>
      tasks.create({
        taskType: 'test.probe',
        ...(definition.scheduleType
          ? {}
          : { scheduleType: 'interval' as const, intervalSeconds: 3600 }),
        ...definition,
      } as TaskDefinition),
  };
}

export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `Condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
