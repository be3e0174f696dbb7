import { SchedulerRegistry } from '@nestjs/schedule';
import { CodeTaskSync } from '../../../src/core/scheduling/code-task-sync.service';
import { TaskDispatcher } from '../../../src/core/scheduling/task-dispatcher.service';
import { startSchedulingKit, SchedulingKit, waitFor } from '../../kits/scheduling-kit';

const MINUTE = 60_000;

describe('dispatcher, misfires and lifecycle on a real database', () => {
  let kit: SchedulingKit;

  afterEach(async () => {
    await kit?.close();
  });

  it('catches up after downtime: coalesces in-grace fires into one run and records older ones as missed', async () => {
    kit = await startSchedulingKit();
    const task = await kit.createTask({
      scheduleType: 'cron',
      cron: '*/10 * * * *',
      misfireGraceSeconds: 3600,
    });
    // The instance was "down" for about 3 hours: next_run is far in the past.
    const now = Date.now();
    const firstMissed = new Date(
      Math.floor((now - 3 * 3600_000) / (10 * MINUTE)) * 10 * MINUTE + 10 * MINUTE,
    );
    await kit.taskRows.update({ id: task.id }, { nextRun: firstMissed });
    const dueFires: number[] = [];
    for (let t = firstMissed.getTime(); t <= now; t += 10 * MINUTE) dueFires.push(t);

    kit.app.get(TaskDispatcher).start();
    const rows = await waitFor(
      () => kit.runRows.find({ where: { taskId: task.id }, order: { scheduledFor: 'ASC' } }),
      (found) => found.some((row) => row.status === 'completed'),
    );
    const runs = rows.filter((row) => row.status === 'completed');
    expect(runs).toHaveLength(1);
    // 'schedule' only in the rare case the latest fire is within the late tolerance of now.
    expect(['catch_up', 'schedule']).toContain(runs[0].trigger);
    expect(runs[0].scheduledFor.getTime()).toBe(dueFires[dueFires.length - 1]);
    const missed = rows.filter((row) => row.status === 'missed');
    expect(missed.map((row) => row.scheduledFor.getTime())).toEqual(dueFires.slice(0, -1));
    const after = await kit.settings.findTask(task.id);
    expect((after?.nextRun as Date).getTime()).toBe(dueFires[dueFires.length - 1] + 10 * MINUTE);
  });

  it('skip policy records every late fire as missed and runs none of them', async () => {
    kit = await startSchedulingKit();
    // Hourly, half an hour away from now: no fire can fall within the late tolerance of the test's
    // wall clock, so every past fire is late whenever the test runs.
    const minute = (new Date().getUTCMinutes() + 30) % 60;
    const task = await kit.createTask({
      scheduleType: 'cron',
      cron: `${minute} * * * *`,
      misfirePolicy: 'skip',
    });
    const lateFire = new Date(Date.now() - 3 * 60 * MINUTE);
    lateFire.setUTCMinutes(minute, 0, 0);
    await kit.taskRows.update({ id: task.id }, { nextRun: lateFire });
    kit.app.get(TaskDispatcher).start();
    const rows = await waitFor(
      () => kit.runRows.findBy({ taskId: task.id }),
      (found) => found.length >= 2,
    );
    expect(rows.every((row) => row.status === 'missed')).toBe(true);
    expect(kit.probes.calls.filter((call) => call.taskId === task.id)).toEqual([]);
  });

  it('fires due tasks on time once the dispatcher runs, and picks up retries', async () => {
    kit = await startSchedulingKit({ SCHEDULER_ENABLED: 'true' });
    const task = await kit.createTask({
      scheduleType: 'once',
      runAt: new Date(Date.now() + 700),
      payload: { fail: true },
      maxRetries: 1,
      retryDelaySeconds: 1,
    });
    const rows = await waitFor(
      () => kit.runRows.find({ where: { taskId: task.id }, order: { attempt: 'ASC' } }),
      (found) => found.length === 2 && found.every((row) => row.status === 'failed'),
    );
    expect(rows.map((row) => [row.trigger, row.attempt])).toEqual([
      ['schedule', 1],
      ['retry', 2],
    ]);
    expect(rows[1].scheduledFor.toISOString()).toBe(rows[0].scheduledFor.toISOString());
    const lag = rows[0].executionStart.getTime() - rows[0].scheduledFor.getTime();
    expect(lag).toBeLessThan(1000);
    expect((await kit.settings.findTask(task.id))?.nextRun).toBeNull();
  });

  it('parks a task whose stored schedule no longer computes, and fires the others of the batch', async () => {
    kit = await startSchedulingKit();
    const broken = await kit.createTask({ scheduleType: 'cron', cron: '0 0 1 1 *' });
    const healthy = await kit.createTask({ scheduleType: 'cron', cron: '0 0 1 1 *' });
    const due = new Date(Date.now() - 500);
    await kit.taskRows.update({ id: broken.id }, { nextRun: due, timezone: 'Mars/Olympus_Mons' });
    await kit.taskRows.update({ id: healthy.id }, { nextRun: due });

    kit.app.get(TaskDispatcher).start();
    const [run] = await waitFor(
      () => kit.runRows.findBy({ taskId: healthy.id }),
      (found) => found.length > 0,
    );
    expect(run.scheduledFor.toISOString()).toBe(due.toISOString());
    const parked = await waitFor(
      () => kit.settings.findTask(broken.id),
      (task) => task?.status === 'failed',
    );
    expect(parked?.nextRun).toBeNull();
    expect(parked?.errorMessage).toMatch(
      /^Schedule cannot be computed, task parked until edited: /,
    );
    expect(await kit.runRows.findBy({ taskId: broken.id })).toEqual([]);
  });

  it('drops the pending retry of a task paused after its failure', async () => {
    kit = await startSchedulingKit({ SCHEDULER_ENABLED: 'true' });
    const task = await kit.createTask({
      scheduleType: 'once',
      runAt: new Date(Date.now() + 500),
      payload: { fail: true },
      maxRetries: 2,
      retryDelaySeconds: 1,
    });
    await waitFor(
      () => kit.settings.findTask(task.id),
      (found) => found?.retryAt !== null && found?.retryAt !== undefined,
    );
    await kit.tasks.pause(task.id);
    await waitFor(
      () => kit.settings.findTask(task.id),
      (found) => found?.retryAt === null,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await kit.runRows.findBy({ taskId: task.id });
    expect(rows.map((row) => [row.trigger, row.attempt, row.status])).toEqual([
      ['schedule', 1, 'failed'],
    ]);
  });

  it('keeps an operator edit of a code-declared task across reboots, until reset', async () => {
    kit = await startSchedulingKit();
    const sync = kit.app.get(CodeTaskSync);
    const cleanup = await kit.taskRows.findOneByOrFail({ codeKey: 'scheduler.cleanup-logs' });
    expect(cleanup).toMatchObject({
      origin: 'code',
      cronExpression: '30 3 * * *',
      operatorModified: false,
    });
    await kit.tasks.update(cleanup.id, { cron: '0 4 * * *' });
    await sync.syncAll();
    expect(await kit.taskRows.findOneByOrFail({ id: cleanup.id })).toMatchObject({
      cronExpression: '0 4 * * *',
      operatorModified: true,
    });
    await kit.tasks.reset(cleanup.id);
    expect(await kit.taskRows.findOneByOrFail({ id: cleanup.id })).toMatchObject({
      cronExpression: '30 3 * * *',
      operatorModified: false,
    });
  });

  it("re-times a code-declared task's CronJob within seconds of an edit made on another instance", async () => {
    kit = await startSchedulingKit({ SCHEDULER_ENABLED: 'true' });
    const registry = kit.app.get(SchedulerRegistry);
    const cronSource = async (): Promise<string | null> =>
      registry.doesExist('cron', 'scheduler.cleanup-logs')
        ? String(registry.getCronJob('scheduler.cleanup-logs').cronTime.source)
        : null;
    expect(await cronSource()).toBe('30 3 * * *');
    const cleanup = await kit.taskRows.findOneByOrFail({ codeKey: 'scheduler.cleanup-logs' });
    const other = await startSchedulingKit({}, kit.db);
    try {
      await other.tasks.update(cleanup.id, { cron: '15 4 * * *' });
      expect(await waitFor(cronSource, (source) => source === '15 4 * * *', 6000)).toBe(
        '15 4 * * *',
      );
      await other.tasks.pause(cleanup.id);
      expect(await waitFor(cronSource, (source) => source === null, 6000)).toBeNull();
    } finally {
      await other.app.close();
    }
  });

  it('marks a run still going at shutdown as interrupted after the grace period', async () => {
    kit = await startSchedulingKit({ SHUTDOWN_GRACE_SECONDS: '1' });
    const task = await kit.createTask({ payload: { sleep_ms: 10_000 }, maxRetries: 0 });
    const { runId } = (await kit.tasks.runNow(task.id)) as { runId: string };
    const started = Date.now();
    await kit.app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    const row = await reopenAndRead(kit, runId);
    expect(row).toMatchObject({
      status: 'interrupted',
      errorMessage: 'Instance shut down before the run finished',
    });
  });
});

async function reopenAndRead(kit: SchedulingKit, runId: string) {
  const other = await startSchedulingKit({}, kit.db);
  try {
    return await other.runRows.findOneByOrFail({ id: runId });
  } finally {
    await other.app.close();
  }
}
