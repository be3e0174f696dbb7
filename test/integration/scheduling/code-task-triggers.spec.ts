import { SchedulerRegistry } from '@nestjs/schedule';
import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { DataSource } from 'typeorm';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { NextRunClaim, TaskStateStore } from '../../../src/core/scheduling/store/task-state.store';
import {
  EVERY_SECOND_JOB,
  EVERY_TWO_SECONDS_JOB,
  EverySecondJobModule,
  EveryTwoSecondsJobModule,
  YEARLY_JOB,
  YearlyJobModule,
} from '../../fixtures/scheduling/code-jobs.module';
import { ProbeTasksModule } from '../../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../../utils/test-app';
import { waitFor } from '../../kits/scheduling-kit';

const TIMERS_ON = { SCHEDULER_ENABLED: 'true', SCHEDULER_POLL_MS: '100' };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The tables, read directly: what the engine wrote, not what its stores say. */
function tablesOf(instance: TestApp) {
  const dataSource = instance.app.get(DataSource);
  return {
    tasks: dataSource.getRepository(ScheduledTaskEntity),
    runs: dataSource.getRepository(TaskLogEntity),
  };
}

/** Every claim an instance attempts, and the batches its dispatcher claimed. */
function watchClaims(instance: TestApp) {
  const store = instance.app.get(TaskStateStore);
  const claims = jest.spyOn(store, 'claimNextRuns');
  const batches = jest.spyOn(store, 'claimDueTasks');
  return {
    /** The fires of `taskId` this instance tried to claim outside a dispatch batch, in order. */
    singleClaimsOf: (taskId: string): number[] =>
      claims.mock.calls
        .filter(([, , queryRunner]) => queryRunner === undefined)
        .flatMap(([attempted]) => attempted as NextRunClaim[])
        .filter(({ task }) => task.id === taskId)
        .map(({ task }) => (task.nextRun as Date).getTime()),
    dispatchedTasks: async (): Promise<ScheduledTaskEntity[]> => {
      const claimed = await Promise.all(batches.mock.results.map((result) => result.value));
      return (claimed as NextRunClaim[][]).flat().map(({ task }) => task);
    },
  };
}

describe('code-declared tasks fire by their own timers only', () => {
  const apps: TestApp[] = [];

  afterEach(async () => {
    jest.restoreAllMocks();
    for (const instance of apps.splice(1).reverse()) await instance.app.close();
    await apps.pop()?.close();
  });

  async function start(
    extraImports: NonNullable<Parameters<typeof startTestApp>[1]>['extraImports'],
    env: Record<string, string> = {},
  ): Promise<TestApp> {
    const instance = await startTestApp(
      { ...TIMERS_ON, SCHEDULER_INSTANCE_ID: `instance-${apps.length + 1}`, ...env },
      { extraImports, db: apps[0]?.db },
    );
    apps.push(instance);
    return instance;
  }

  it('one claim attempt per fire on each instance, one run per fire, and the dispatcher claims only API tasks', async () => {
    const first = await start([ProbeTasksModule, EverySecondJobModule]);
    const second = await start([ProbeTasksModule, EverySecondJobModule]);
    const store = tablesOf(first);
    const job = await store.tasks.findOneByOrFail({ codeKey: EVERY_SECOND_JOB });
    expect(
      String(first.app.get(SchedulerRegistry).getCronJob(EVERY_SECOND_JOB).cronTime.source),
    ).toBe('* * * * * *');
    const apiTask = await first.app.get(ScheduledTaskService).create({
      taskType: 'test.noop',
      scheduleType: 'cron',
      cron: '* * * * * *',
      overlapPolicy: 'allow',
    });
    const watched = [watchClaims(first), watchClaims(second)];
    const windowStart = Date.now();
    await sleep(4200);
    const windowEnd = Date.now() - 1000;
    jest.restoreAllMocks();

    // An instance whose tick reads the task after the other's claim has nothing due to claim.
    const attempted = new Set<number>();
    const dispatched: ScheduledTaskEntity[] = [];
    for (const instance of watched) {
      const fires = instance.singleClaimsOf(job.id);
      expect(new Set(fires).size).toBe(fires.length);
      for (const fire of fires) attempted.add(fire);
      dispatched.push(...(await instance.dispatchedTasks()));
    }
    expect(dispatched.filter((task) => task.origin === 'code')).toEqual([]);
    expect(dispatched.some((task) => task.id === apiTask.id)).toBe(true);

    const runs = await store.runs.findBy({ taskId: job.id });
    const inWindow = runs
      .filter((run) => run.scheduledFor.getTime() >= windowStart)
      .filter((run) => run.scheduledFor.getTime() <= windowEnd);
    const fires = inWindow.map((run) => run.scheduledFor.getTime()).sort((a, b) => a - b);
    expect(fires.length).toBeGreaterThanOrEqual(3);
    expect(new Set(fires).size).toBe(fires.length);
    for (let i = 1; i < fires.length; i++) expect(fires[i] - fires[i - 1]).toBe(1000);
    expect(fires.every((fire) => attempted.has(fire))).toBe(true);
    expect(inWindow.every((run) => run.status === 'completed' && run.trigger === 'schedule')).toBe(
      true,
    );
  }, 30_000);

  it('leaves a due code task to its timer, which catches it up once when registered', async () => {
    const first = await start([YearlyJobModule]);
    const store = tablesOf(first);
    const job = await store.tasks.findOneByOrFail({ codeKey: YEARLY_JOB });
    const overdue = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
    await store.tasks.update({ id: job.id }, { nextRun: overdue });
    await sleep(1500);
    expect(await store.runs.findBy({ taskId: job.id })).toEqual([]);
    expect((await store.tasks.findOneBy({ id: job.id }))?.nextRun?.getTime()).toBe(
      overdue.getTime(),
    );

    const rebooted = await start([YearlyJobModule]);
    const [run] = await waitFor(
      () => tablesOf(rebooted).runs.findBy({ taskId: job.id }),
      (found) => found.length > 0 && found[0].status === 'completed',
    );
    expect(run).toMatchObject({ trigger: 'catch_up', scheduledFor: overdue });
    await sleep(500);
    expect(await store.runs.countBy({ taskId: job.id })).toBe(1);
    expect((await store.tasks.findOneBy({ id: job.id }))?.nextRun?.toISOString()).toBe(
      job.nextRun?.toISOString(),
    );
  });

  it('ticks an @Interval job on the epoch-anchored grid next_run follows', async () => {
    const instance = await start([EveryTwoSecondsJobModule]);
    const store = tablesOf(instance);
    expect(instance.app.get(SchedulerRegistry).getIntervals()).toContain(EVERY_TWO_SECONDS_JOB);
    const job = await store.tasks.findOneByOrFail({ codeKey: EVERY_TWO_SECONDS_JOB });
    const runs = await waitFor(
      () => store.runs.find({ where: { taskId: job.id }, order: { scheduledFor: 'ASC' } }),
      (found) => found.filter((run) => run.status === 'completed').length >= 3,
    );
    const fires = runs.map((run) => run.scheduledFor.getTime());
    expect(fires.every((fire) => fire % 2000 === 0)).toBe(true);
    for (let i = 1; i < fires.length; i++) expect(fires[i] - fires[i - 1]).toBe(2000);
    expect(runs.every((run) => run.trigger === 'schedule')).toBe(true);
    const lags = runs.map((run) => run.executionStart.getTime() - run.scheduledFor.getTime());
    expect(Math.max(...lags)).toBeLessThan(1000);
    const { nextRun } = await store.tasks.findOneByOrFail({ id: job.id });
    expect((nextRun as Date).getTime()).toBeGreaterThan(fires[fires.length - 1]);
    expect((nextRun as Date).getTime() % 2000).toBe(0);
  });
});
