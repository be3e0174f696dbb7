import { engineOnFakes, EngineOnFakes } from '../../../test/fakes/engine-on-fakes';
import { TaskLogEntity } from './entities/task-log.entity';
import { StartResult } from './run-start';
import { SchedulingEvents } from './scheduling.events';
import { RunStatus } from './scheduling.types';

const NOW = '2026-05-01T12:00:00.000Z';
const FIRE = new Date('2026-05-01T12:00:00.000Z');
const LATER_FIRE = new Date('2026-05-01T12:01:00.000Z');
const LAST_FIRE = new Date('2026-05-01T12:02:00.000Z');

/** Lets timers run `ms` ahead (handlers' sleeps, timeouts, heartbeats, the outcome writer's batch). */
async function elapse(engine: EngineOnFakes, ms: number): Promise<void> {
  engine.clock.advance(ms);
  await jest.advanceTimersByTimeAsync(ms);
}

/** Long enough for the outcome writer to write a batch, and for what follows a write to start. */
const SETTLE_MS = 50;

async function finished(engine: EngineOnFakes, result: StartResult): Promise<RunStatus> {
  if (!result.started) throw new Error(`not started: ${result.reason}`);
  let status: RunStatus | undefined;
  void result.done.then((value) => (status = value));
  for (let waited = 0; status === undefined && waited < 60_000; waited += SETTLE_MS)
    await elapse(engine, SETTLE_MS);
  return result.done;
}

function runsOf(engine: EngineOnFakes, taskId: string): TaskLogEntity[] {
  return engine.tables
    .runRows()
    .filter((run) => run.taskId === taskId)
    .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
}

describe('TaskRunner (in-memory stores, fake clock)', () => {
  let engine: EngineOnFakes;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(NOW) });
    engine = engineOnFakes({ now: NOW, env: { SCHEDULER_HEARTBEAT_SECONDS: '1' } });
  });

  afterEach(async () => {
    const draining = engine.runner.drain(0);
    await jest.advanceTimersByTimeAsync(SETTLE_MS);
    await draining;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs the handler and records the outcome on the run and on the task', async () => {
    const task = await engine.addTask();
    const result = await engine.runner.start(task, FIRE, 'schedule');
    expect(await finished(engine, result)).toBe('completed');

    const [run] = runsOf(engine, task.id);
    expect(run).toMatchObject({
      status: 'completed',
      trigger: 'schedule',
      attempt: 1,
      instanceId: 'instance-a',
      details: { attempt: 1 },
    });
    expect(run.scheduledFor).toEqual(FIRE);
    expect(engine.tables.readTask(task.id)).toMatchObject({ status: 'completed', lastRun: FIRE });
  });

  describe('overlap policy', () => {
    it('skip: a fire of a task still running is recorded as skipped and not run', async () => {
      const task = await engine.addTask({ overlapPolicy: 'skip' });
      await engine.ledger.claimRun({
        taskId: task.id,
        scheduledFor: new Date('2026-05-01T11:59:00Z'),
        trigger: 'schedule',
        attempt: 1,
        instanceId: 'instance-b',
        startedAt: new Date('2026-05-01T11:59:00Z'),
      });
      const skipped = jest.fn();
      engine.events.on(SchedulingEvents.firesNotRun, skipped);

      expect(await engine.runner.start(task, FIRE, 'schedule')).toEqual({
        started: false,
        reason: 'overlap_skipped',
      });
      const row = runsOf(engine, task.id).find((run) => run.scheduledFor.getTime() === +FIRE);
      expect(row).toMatchObject({ status: 'skipped', errorMessage: 'previous run still running' });
      expect(engine.probes.calls).toEqual([]);
      expect(skipped).toHaveBeenCalledWith(
        expect.objectContaining({ taskId: task.id, status: 'skipped', count: 1 }),
      );
    });

    it('skip: a refused run-now is reported to its caller, never written to the history', async () => {
      const task = await engine.addTask({ overlapPolicy: 'skip', payload: { sleep_ms: 1000 } });
      const running = await engine.runner.start(task, FIRE, 'schedule');
      const skipped = jest.fn();
      engine.events.on(SchedulingEvents.firesNotRun, skipped);

      for (let retry = 0; retry < 5; retry++) {
        engine.clock.advance(10);
        expect(await engine.runner.start(task, engine.clock.now(), 'manual')).toEqual({
          started: false,
          reason: 'overlap_skipped',
        });
      }

      expect(runsOf(engine, task.id).map((run) => run.trigger)).toEqual(['schedule']);
      expect(skipped).toHaveBeenCalledTimes(5);
      expect(await finished(engine, running)).toBe('completed');
    });

    it('buffer_one: holds one fire for after the running one and skips a further one', async () => {
      const task = await engine.addTask({
        overlapPolicy: 'buffer_one',
        payload: { sleep_ms: 1000 },
      });
      const first = await engine.runner.start(task, FIRE, 'schedule');
      expect(first.started).toBe(true);
      expect(await engine.runner.start(task, LATER_FIRE, 'schedule')).toEqual({
        started: false,
        reason: 'buffered',
      });
      expect(await engine.runner.start(task, LAST_FIRE, 'schedule')).toEqual({
        started: false,
        reason: 'overlap_skipped',
      });
      expect(await finished(engine, first)).toBe('completed');
      await elapse(engine, 1000 + 2 * SETTLE_MS);

      expect(runsOf(engine, task.id).map((run) => [run.scheduledFor, run.status])).toEqual([
        [FIRE, 'completed'],
        [LATER_FIRE, 'completed'],
        [LAST_FIRE, 'skipped'],
      ]);
      expect(runsOf(engine, task.id)[2].errorMessage).toBe(
        'previous run still running and one fire already buffered',
      );
      expect(engine.tables.readTask(task.id)).toMatchObject({ bufferedFor: null });
    });

    it('buffer_one never buffers a retry: its attempt number would be lost', async () => {
      const task = await engine.addTask({
        overlapPolicy: 'buffer_one',
        payload: { sleep_ms: 1000 },
      });
      await engine.runner.start(task, LATER_FIRE, 'schedule');
      expect(await engine.runner.start(task, FIRE, 'retry', 2)).toEqual({
        started: false,
        reason: 'overlap_skipped',
      });
      expect(engine.tables.readTask(task.id)).toMatchObject({ bufferedFor: null });
    });

    it('allow: a second fire starts beside the running one', async () => {
      const task = await engine.addTask({ overlapPolicy: 'allow', payload: { sleep_ms: 1000 } });
      const results = await engine.runner.startMany([
        { task, fire: FIRE, trigger: 'schedule' },
        { task, fire: LATER_FIRE, trigger: 'schedule' },
      ]);
      expect(results.map((result) => result.started)).toEqual([true, true]);
      expect(engine.runner.runningCount).toBe(2);
      expect(await Promise.all(results.map((result) => finished(engine, result)))).toEqual([
        'completed',
        'completed',
      ]);
    });
  });

  it('leaves a fire another instance already claimed', async () => {
    const task = await engine.addTask({ overlapPolicy: 'allow' });
    await engine.ledger.claimRun({
      taskId: task.id,
      scheduledFor: FIRE,
      trigger: 'schedule',
      attempt: 1,
      instanceId: 'instance-b',
      startedAt: FIRE,
    });
    expect(await engine.runner.start(task, FIRE, 'schedule')).toEqual({
      started: false,
      reason: 'claimed_elsewhere',
    });
    expect(engine.probes.calls).toEqual([]);
  });

  it('times out a handler that ignores its signal: timed_out, and retried', async () => {
    const task = await engine.addTask({
      payload: { sleep_ms: 60_000, ignore_abort: true },
      timeoutSeconds: 2,
    });
    const result = await engine.runner.start(task, FIRE, 'schedule');
    await elapse(engine, 2000);
    expect(await finished(engine, result)).toBe('timed_out');
    expect(runsOf(engine, task.id)[0]).toMatchObject({
      status: 'timed_out',
      errorMessage: 'Run exceeded its 2s timeout',
    });
    expect(engine.tables.readTask(task.id)).toMatchObject({
      status: 'timed_out',
      retryAttempt: 2,
    });
  });

  it('schedules the next attempt of a thrown failure with exponential backoff', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const task = await engine.addTask({ payload: { fail: true }, retryDelaySeconds: 60 });
    const retries = jest.fn();
    engine.events.on(SchedulingEvents.retryScheduled, retries);

    const first = await engine.runner.start(task, FIRE, 'schedule');
    expect(await finished(engine, first)).toBe('failed');
    const afterFirst = engine.tables.readTask(task.id);
    expect(afterFirst).toMatchObject({
      status: 'failed',
      errorMessage: 'probe failed on attempt 1',
      retryAttempt: 2,
      retryScheduledFor: FIRE,
    });
    const firstEnded = engine.clock.now().getTime();
    expect(afterFirst?.retryAt?.getTime()).toBe(firstEnded + 60_000);
    expect(retries).toHaveBeenCalledWith({ taskId: task.id, at: afterFirst?.retryAt });

    await engine.state.claimRetry(afterFirst!);
    const second = await engine.runner.start(task, FIRE, 'retry', 2);
    expect(await finished(engine, second)).toBe('failed');
    const afterSecond = engine.tables.readTask(task.id);
    expect(afterSecond?.retryAttempt).toBe(3);
    expect(afterSecond?.retryAt?.getTime()).toBe(engine.clock.now().getTime() + 120_000);
  });

  it('stops retrying once max_retries is spent', async () => {
    const task = await engine.addTask({ payload: { fail: true }, maxRetries: 1 });
    const result = await engine.runner.start(task, FIRE, 'retry', 2);
    expect(await finished(engine, result)).toBe('failed');
    expect(engine.tables.readTask(task.id)).toMatchObject({ status: 'failed', retryAt: null });
  });

  it('records a failure the handler returns, without retrying it', async () => {
    const task = await engine.addTask({ payload: { report_failure: true } });
    const result = await engine.runner.start(task, FIRE, 'schedule');
    expect(await finished(engine, result)).toBe('failed');
    expect(runsOf(engine, task.id)[0]).toMatchObject({
      status: 'failed',
      errorMessage: 'probe reported a failure',
    });
    expect(engine.tables.readTask(task.id)).toMatchObject({ status: 'failed', retryAt: null });
  });

  describe('items', () => {
    const ITEMS = ['a:succeeded', 'b:failed', 'c:fatal', 'd:skipped', 'e:failed'];

    it('records the counts and ends partial when some items failed', async () => {
      const task = await engine.addTask({ payload: { items: ITEMS } });
      const result = await engine.runner.start(task, FIRE, 'schedule');
      expect(await finished(engine, result)).toBe('partial');
      expect(runsOf(engine, task.id)[0]).toMatchObject({
        status: 'partial',
        itemsTotal: 5,
        itemsSucceeded: 1,
        itemsFailed: 3,
        itemsSkipped: 1,
        errorMessage: '3 of 5 items failed',
        retryItems: ['b', 'e'],
        progress: null,
      });
      expect(engine.tables.readTask(task.id)).toMatchObject({ status: 'partial' });
    });

    it('retries a partial run with only its retryable failed items, then their failures', async () => {
      const task = await engine.addTask({ payload: { items: ITEMS }, maxRetries: 3 });
      expect(await finished(engine, await engine.runner.start(task, FIRE, 'schedule'))).toBe(
        'partial',
      );
      const pending = engine.tables.readTask(task.id)!;
      expect(pending).toMatchObject({ retryAttempt: 2, retryScheduledFor: FIRE });

      await engine.state.claimRetry(pending);
      const retry = await engine.runner.start(task, FIRE, 'retry', 2);
      // Only b and e run again (a finished, c cannot be fixed by a retry, d was skipped): both fail.
      expect(await finished(engine, retry)).toBe('failed');
      expect(engine.probes.calls.map((call) => call.retryItems)).toEqual([null, ['b', 'e']]);
      expect(runsOf(engine, task.id).find((run) => run.attempt === 2)).toMatchObject({
        itemsTotal: 2,
        itemsFailed: 2,
        retryItems: ['b', 'e'],
      });
      expect(engine.tables.readTask(task.id)?.retryAttempt).toBe(3);
    });

    it('writes a retry’s narrowed scope on its row at the start, so a crash keeps it for the next attempt', async () => {
      const task = await engine.addTask({ payload: { items: ITEMS }, maxRetries: 3 });
      await finished(engine, await engine.runner.start(task, FIRE, 'schedule'));
      await engine.state.claimRetry(engine.tables.readTask(task.id)!);
      // The retry's row holds its scope from the start, whatever ends it (here: a crash).
      const retry = await engine.runner.start(task, FIRE, 'retry', 2);
      if (!retry.started) throw new Error('retry not started');
      await elapse(engine, SETTLE_MS);
      expect(engine.tables.readRun(retry.runId)?.retryItems).toEqual(['b', 'e']);
      await finished(engine, retry);
    });

    it('does not retry a partial run whose failed items are all not retryable', async () => {
      const task = await engine.addTask({ payload: { items: ['a:succeeded', 'c:fatal'] } });
      expect(await finished(engine, await engine.runner.start(task, FIRE, 'schedule'))).toBe(
        'partial',
      );
      expect(engine.tables.readTask(task.id)).toMatchObject({ status: 'partial', retryAt: null });
    });

    it('is completed with 0 items, and with skipped items only', async () => {
      const none = await engine.addTask({ payload: { items: [] } });
      expect(await finished(engine, await engine.runner.start(none, FIRE, 'schedule'))).toBe(
        'completed',
      );
      expect(runsOf(engine, none.id)[0]).toMatchObject({ itemsTotal: 0, itemsFailed: 0 });
      const skippedOnly = await engine.addTask({ payload: { items: ['x:skipped'] } });
      expect(await finished(engine, await engine.runner.start(skippedOnly, FIRE, 'schedule'))).toBe(
        'completed',
      );
    });

    it('publishes progress at most once a second while the run goes, not once per item', async () => {
      const task = await engine.addTask({
        payload: {
          items: Array.from({ length: 40 }, (_, i) => `i${i}:succeeded`),
          item_sleep_ms: 100,
        },
      });
      const writes = jest.spyOn(engine.ledger, 'writeProgress');
      const progress: unknown[] = [];
      engine.events.on(SchedulingEvents.runProgress, (event: { progress: unknown }) =>
        progress.push(event.progress),
      );
      const result = await engine.runner.start(task, FIRE, 'schedule');
      if (!result.started) throw new Error('not started');
      await elapse(engine, 1550);
      // Published at 0 s and 1 s: the stored progress is the one of about the tenth item.
      const midway = engine.tables.readRun(result.runId)?.progress;
      expect(midway).toMatchObject({ total: 40, current: expect.stringMatching(/^item i\d+$/) });
      expect(midway?.done).toBeGreaterThanOrEqual(8);
      expect(midway?.done).toBeLessThanOrEqual(11);
      expect(await finished(engine, result)).toBe('completed');
      // 40 items over 4 s: about five publications, not 80 (40 starts + 40 outcomes).
      expect(writes.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(writes.mock.calls.length).toBeLessThanOrEqual(6);
      expect(progress).toHaveLength(writes.mock.calls.length);
      expect(engine.tables.readRun(result.runId)).toMatchObject({ progress: null, itemsTotal: 40 });
    });
  });

  it('marks a run idle when the handler says it found nothing to do', async () => {
    const task = await engine.addTask({ payload: { idle: true } });
    expect(await finished(engine, await engine.runner.start(task, FIRE, 'schedule'))).toBe(
      'completed',
    );
    expect(runsOf(engine, task.id)[0].idle).toBe(true);
  });

  it('fails a run whose stored payload no longer satisfies the handler DTO', async () => {
    const task = await engine.addTask({ payload: { sleep_ms: -5 } });
    const result = await engine.runner.start(task, FIRE, 'manual');
    expect(await finished(engine, result)).toBe('failed');
    expect(runsOf(engine, task.id)[0].errorMessage).toBe(
      'Invalid payload: sleep_ms must not be less than 0',
    );
    expect(engine.probes.calls).toEqual([]);
  });

  it('heartbeats a running run every SCHEDULER_HEARTBEAT_SECONDS, and stops when it ends', async () => {
    const task = await engine.addTask({ payload: { sleep_ms: 2500 } });
    const result = await engine.runner.start(task, FIRE, 'schedule');
    await elapse(engine, 1000);
    expect(runsOf(engine, task.id)[0].heartbeatAt).toEqual(new Date('2026-05-01T12:00:01.000Z'));
    await elapse(engine, 1000);
    expect(runsOf(engine, task.id)[0].heartbeatAt).toEqual(new Date('2026-05-01T12:00:02.000Z'));
    expect(await finished(engine, result)).toBe('completed');
    const lastBeat = runsOf(engine, task.id)[0].heartbeatAt;
    await elapse(engine, 3000);
    expect(runsOf(engine, task.id)[0].heartbeatAt).toEqual(lastBeat);
  });

  it('keeps the interrupted status a sweeper recorded when the run finishes late', async () => {
    const task = await engine.addTask({ payload: { sleep_ms: 1000 } });
    const result = await engine.runner.start(task, FIRE, 'schedule');
    const [running] = runsOf(engine, task.id);
    await engine.ledger.markInterrupted(running, engine.clock.now(), 'Heartbeat lost');
    expect(await finished(engine, result)).toBe('interrupted');
    expect(runsOf(engine, task.id)[0]).toMatchObject({
      status: 'interrupted',
      errorMessage: 'Heartbeat lost',
    });
  });

  it('interrupts runs still going when the drain grace ends, then refuses new fires', async () => {
    const task = await engine.addTask({ payload: { sleep_ms: 60_000 }, maxRetries: 0 });
    const result = await engine.runner.start(task, FIRE, 'schedule');
    const draining = engine.runner.drain(500);
    await elapse(engine, 500 + SETTLE_MS);
    await draining;
    expect(await finished(engine, result)).toBe('interrupted');
    expect(runsOf(engine, task.id)[0]).toMatchObject({
      status: 'interrupted',
      errorMessage: 'Instance shut down before the run finished',
    });
    expect(await engine.runner.start(task, LATER_FIRE, 'schedule')).toEqual({
      started: false,
      reason: 'shutting_down',
    });
  });
});
