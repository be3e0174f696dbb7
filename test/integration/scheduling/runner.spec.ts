import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { HousekeepingTasks } from '../../../src/core/scheduling/housekeeping.tasks';
import { StaleRunSweeper } from '../../../src/core/scheduling/stale-run-sweeper';
import { TaskRun } from '../../../src/core/scheduling/task-run';
import { Logger } from '@nestjs/common';
import { startSchedulingKit, SchedulingKit, waitFor } from '../../kits/scheduling-kit';

describe('TaskRunner on a real database', () => {
  let a: SchedulingKit;
  let b: SchedulingKit;

  beforeAll(async () => {
    a = await startSchedulingKit({
      SCHEDULER_INSTANCE_ID: 'instance-a',
      SCHEDULER_HEARTBEAT_SECONDS: '1',
    });
    b = await startSchedulingKit({ SCHEDULER_INSTANCE_ID: 'instance-b' }, a.db);
  });

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  it('runs each fire exactly once when two instances race for 200 fires', async () => {
    const task = await a.createTask({ overlapPolicy: 'allow', payload: { sleep_ms: 5 } });
    const base = Date.UTC(2026, 10, 22, 0, 0, 0);
    const fires = Array.from({ length: 200 }, (_, i) => new Date(base + i * 1000));
    const results = await Promise.all(
      fires.flatMap((fire) => [
        a.app.get(TaskRunner).start(task, fire, 'schedule'),
        b.app.get(TaskRunner).start(task, fire, 'schedule'),
      ]),
    );
    const started = results.filter((result) => result.started);
    expect(started).toHaveLength(200);
    expect(
      results.filter((result) => !result.started && result.reason === 'claimed_elsewhere'),
    ).toHaveLength(200);
    await Promise.all(started.map((result) => (result.started ? result.done : null)));

    const calls = [...a.probes.calls, ...b.probes.calls].filter((call) => call.taskId === task.id);
    expect(calls).toHaveLength(200);
    expect(new Set(calls.map((call) => call.scheduledFor.getTime())).size).toBe(200);
    const rows = await a.runRows.findBy({ taskId: task.id });
    expect(rows.filter((row) => row.status === 'completed')).toHaveLength(200);
    // SQLite runs one statement at a time, so there one instance wins every race; MySQL interleaves them.
    if (a.db.engine === 'mysql') {
      expect(new Set(rows.map((row) => row.instanceId))).toEqual(
        new Set(['instance-a', 'instance-b']),
      );
    }
  });

  it('skips an overlapping fire and records it as skipped', async () => {
    const task = await a.createTask({ overlapPolicy: 'skip', payload: { sleep_ms: 400 } });
    const runner = a.app.get(TaskRunner);
    const first = await runner.start(task, new Date('2026-11-22T01:00:00Z'), 'schedule');
    const second = await runner.start(task, new Date('2026-11-22T01:01:00Z'), 'schedule');
    expect(first.started).toBe(true);
    expect(second).toEqual({ started: false, reason: 'overlap_skipped' });
    if (first.started) await first.done;
    const rows = await a.runRows.find({
      where: { taskId: task.id },
      order: { scheduledFor: 'ASC' },
    });
    expect(rows.map((row) => [row.scheduledFor.toISOString(), row.status])).toEqual([
      ['2026-11-22T01:00:00.000Z', 'completed'],
      ['2026-11-22T01:01:00.000Z', 'skipped'],
    ]);
    expect(rows[1].errorMessage).toBe('previous run still running');
  });

  it('buffers one overlapping fire and runs it after the current run; a third is skipped', async () => {
    const task = await a.createTask({ overlapPolicy: 'buffer_one', payload: { sleep_ms: 300 } });
    const runner = a.app.get(TaskRunner);
    const first = await runner.start(task, new Date('2026-11-22T02:00:00Z'), 'schedule');
    expect(await runner.start(task, new Date('2026-11-22T02:01:00Z'), 'schedule')).toEqual({
      started: false,
      reason: 'buffered',
    });
    expect(await runner.start(task, new Date('2026-11-22T02:02:00Z'), 'schedule')).toEqual({
      started: false,
      reason: 'overlap_skipped',
    });
    if (first.started) await first.done;
    const rows = await waitFor(
      () => a.runRows.find({ where: { taskId: task.id }, order: { scheduledFor: 'ASC' } }),
      (found) => found.filter((row) => row.status === 'completed').length === 2,
    );
    expect(rows.map((row) => [row.scheduledFor.toISOString(), row.status])).toEqual([
      ['2026-11-22T02:00:00.000Z', 'completed'],
      ['2026-11-22T02:01:00.000Z', 'completed'],
      ['2026-11-22T02:02:00.000Z', 'skipped'],
    ]);
    expect((await a.settings.findTask(task.id))?.bufferedFor).toBeNull();
  });

  it('runs a run-now that buffer_one held back as manual, and never buffers a retry', async () => {
    const task = await a.createTask({ overlapPolicy: 'buffer_one', payload: { sleep_ms: 300 } });
    const runner = a.app.get(TaskRunner);
    const first = await runner.start(task, new Date('2026-11-22T02:30:00Z'), 'schedule');
    expect(await runner.start(task, new Date('2026-11-22T02:20:00Z'), 'retry', 2)).toEqual({
      started: false,
      reason: 'overlap_skipped',
    });
    expect(await runner.start(task, new Date('2026-11-22T02:30:05Z'), 'manual')).toEqual({
      started: false,
      reason: 'buffered',
    });
    if (first.started) await first.done;
    const rows = await waitFor(
      () => a.runRows.find({ where: { taskId: task.id }, order: { scheduledFor: 'ASC' } }),
      (found) => found.filter((row) => row.status === 'completed').length === 2,
    );
    expect(rows.map((row) => [row.trigger, row.attempt, row.status])).toEqual([
      ['retry', 2, 'skipped'],
      ['schedule', 1, 'completed'],
      ['manual', 1, 'completed'],
    ]);
    expect(rows[0].errorMessage).toBe('previous run still running');
    expect(await a.settings.findTask(task.id)).toMatchObject({
      bufferedFor: null,
      bufferedTrigger: null,
    });
  });

  it('drops a buffered scheduled fire when the task is paused meanwhile, but keeps a buffered run-now', async () => {
    const runner = a.app.get(TaskRunner);
    const scheduled = await a.createTask({
      overlapPolicy: 'buffer_one',
      payload: { sleep_ms: 300 },
    });
    const manual = await a.createTask({ overlapPolicy: 'buffer_one', payload: { sleep_ms: 300 } });
    const runs = [
      await runner.start(scheduled, new Date('2026-11-22T02:40:00Z'), 'schedule'),
      await runner.start(manual, new Date('2026-11-22T02:40:00Z'), 'schedule'),
    ];
    expect(await runner.start(scheduled, new Date('2026-11-22T02:41:00Z'), 'schedule')).toEqual({
      started: false,
      reason: 'buffered',
    });
    expect(await runner.start(manual, new Date('2026-11-22T02:40:30Z'), 'manual')).toEqual({
      started: false,
      reason: 'buffered',
    });
    await a.tasks.pause(scheduled.id);
    await a.tasks.pause(manual.id);
    await Promise.all(runs.map((run) => (run.started ? run.done : null)));

    const manualRows = await waitFor(
      () => a.runRows.find({ where: { taskId: manual.id }, order: { scheduledFor: 'ASC' } }),
      (found) => found.filter((row) => row.status === 'completed').length === 2,
    );
    expect(manualRows.map((row) => row.trigger)).toEqual(['schedule', 'manual']);
    const scheduledRows = await a.runRows.findBy({ taskId: scheduled.id });
    expect(scheduledRows.map((row) => row.scheduledFor.toISOString())).toEqual([
      '2026-11-22T02:40:00.000Z',
    ]);
    expect((await a.settings.findTask(scheduled.id))?.bufferedFor).toBeNull();
  });

  it('fails a run, records the error and schedules the next attempt with backoff', async () => {
    const task = await a.createTask({
      payload: { fail: true },
      maxRetries: 2,
      retryDelaySeconds: 60,
    });
    const fire = new Date('2026-11-22T03:00:00Z');
    const result = await a.app.get(TaskRunner).start(task, fire, 'schedule');
    expect(result.started && (await result.done)).toBe('failed');
    const [row] = await a.runRows.findBy({ taskId: task.id });
    expect(row).toMatchObject({
      status: 'failed',
      attempt: 1,
      errorMessage: 'probe failed on attempt 1',
    });
    const after = await a.settings.findTask(task.id);
    expect(after).toMatchObject({
      status: 'failed',
      errorMessage: 'probe failed on attempt 1',
      retryAttempt: 2,
    });
    expect(after?.retryScheduledFor?.toISOString()).toBe(fire.toISOString());
    const delay = (after?.retryAt as Date).getTime() - (row.executionEnd as Date).getTime();
    expect(delay).toBeGreaterThanOrEqual(48_000);
    expect(delay).toBeLessThanOrEqual(72_500);
  });

  it('records a failure the handler returns without retrying it', async () => {
    const task = await a.createTask({ payload: { report_failure: true }, maxRetries: 3 });
    const result = await a.app
      .get(TaskRunner)
      .start(task, new Date('2026-11-22T03:30:00Z'), 'schedule');
    expect(result.started && (await result.done)).toBe('failed');
    const [row] = await a.runRows.findBy({ taskId: task.id });
    expect(row).toMatchObject({ status: 'failed', errorMessage: 'probe reported a failure' });
    expect(await a.settings.findTask(task.id)).toMatchObject({ status: 'failed', retryAt: null });
  });

  it('stops retrying once max_retries is spent', async () => {
    const task = await a.createTask({ payload: { fail: true }, maxRetries: 1 });
    const result = await a.app
      .get(TaskRunner)
      .start(task, new Date('2026-11-22T04:00:00Z'), 'retry', 2);
    expect(result.started && (await result.done)).toBe('failed');
    expect((await a.settings.findTask(task.id))?.retryAt).toBeNull();
  });

  it('times out a run whose handler ignores its abort signal', async () => {
    const task = await a.createTask({
      payload: { sleep_ms: 3000, ignore_abort: true },
      timeoutSeconds: 1,
      maxRetries: 0,
    });
    const started = Date.now();
    const result = await a.app
      .get(TaskRunner)
      .start(task, new Date('2026-11-22T05:00:00Z'), 'manual');
    expect(result.started && (await result.done)).toBe('timed_out');
    expect(Date.now() - started).toBeLessThan(2500);
    const [row] = await a.runRows.findBy({ taskId: task.id });
    expect(row).toMatchObject({ status: 'timed_out', errorMessage: 'Run exceeded its 1s timeout' });
  });

  it('fails a run whose stored payload no longer satisfies the handler DTO', async () => {
    const task = await a.createTask({});
    await a.taskRows.save({ ...task, payload: { sleep_ms: -5 } });
    const reloaded = await a.settings.findTask(task.id);
    const result = await a.app
      .get(TaskRunner)
      .start(reloaded!, new Date('2026-11-22T05:30:00Z'), 'manual');
    expect(result.started && (await result.done)).toBe('failed');
    const [row] = await a.runRows.findBy({ taskId: task.id });
    expect(row.errorMessage).toBe('Invalid payload: sleep_ms must not be less than 0');
  });

  it('keeps a live run alive with heartbeats, and marks a dead one interrupted and retries it', async () => {
    const live = await a.createTask({ payload: { sleep_ms: 2500 } });
    const liveRun = await a.app
      .get(TaskRunner)
      .start(live, new Date('2026-11-22T06:00:00Z'), 'schedule');
    const dead = await a.createTask({ maxRetries: 1, retryDelaySeconds: 1 });
    const deadFire = new Date('2026-11-22T06:00:00Z');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await a.runRows.insert({
      id: '00000000-0000-4000-8000-000000000001',
      taskId: dead.id,
      scheduledFor: deadFire,
      trigger: 'schedule',
      attempt: 1,
      status: 'running',
      executionStart: longAgo,
      instanceId: 'crashed-instance',
      heartbeatAt: longAgo,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await a.app.get(StaleRunSweeper).sweep()).toBe(1);
    const deadRow = await a.runRows.findOneByOrFail({
      id: '00000000-0000-4000-8000-000000000001',
    });
    expect(deadRow.status).toBe('interrupted');
    expect(deadRow.errorMessage).toMatch(/^Heartbeat lost \(instance crashed-instance/);
    const deadTask = await a.settings.findTask(dead.id);
    expect(deadTask).toMatchObject({ status: 'interrupted', retryAttempt: 2 });
    expect(deadTask?.retryScheduledFor?.toISOString()).toBe(deadFire.toISOString());
    const liveRow = await a.runRows.findOneByOrFail({ taskId: live.id });
    expect(liveRow.status).toBe('running');
    expect((liveRow.heartbeatAt as Date).getTime()).toBeGreaterThan(
      liveRow.executionStart.getTime(),
    );
    if (liveRun.started) expect(await liveRun.done).toBe('completed');
  });

  it('deletes history older than the retention in batches and keeps the rest', async () => {
    const task = await a.createTask({});
    const old = new Date(Date.now() - 40 * 86_400_000);
    await a.runRows.insert(
      Array.from({ length: 30 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
        taskId: task.id,
        scheduledFor: new Date(old.getTime() + i * 1000),
        trigger: 'schedule' as const,
        attempt: 1,
        status: 'completed' as const,
        executionStart: old,
        createdAt: old,
      })),
    );
    await a.ledger.recordNonRuns([
      {
        taskId: task.id,
        scheduledFor: new Date(),
        status: 'missed',
        trigger: 'catch_up',
        attempt: 1,
        errorMessage: 'recent',
        at: new Date(),
      },
    ]);
    const run = {
      signal: new AbortController().signal,
      logger: new Logger('test'),
    } as unknown as TaskRun;
    const result = await a.app.get(HousekeepingTasks).cleanupLogs(run);
    expect(result.stats?.deleted).toBeGreaterThanOrEqual(30);
    const left = await a.runRows.findBy({ taskId: task.id });
    expect(left.map((row) => row.errorMessage)).toEqual(['recent']);
  });
});
