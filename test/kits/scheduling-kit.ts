import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import {
  ScheduledTaskService,
  TaskDefinition,
} from '../../src/core/scheduling/scheduled-task.service';
import { TaskStore } from '../../src/core/scheduling/task-store.service';
import { ProbeTasks, ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';
import { TestDatabase } from '../utils/test-database';

export interface SchedulingKit extends TestApp {
  tasks: ScheduledTaskService;
  store: TaskStore;
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
    store: app.app.get(TaskStore),
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
