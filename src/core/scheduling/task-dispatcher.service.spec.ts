import { engineOnFakes, EngineOnFakes } from '../../../test/fakes/engine-on-fakes';
import { TaskLogEntity } from './entities/task-log.entity';
import { SchedulingEvents } from './scheduling.events';

const NOW = '2026-05-01T12:00:00.200Z';
const DUE = new Date('2026-05-01T12:00:00.000Z');
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Lets timers run `ms` ahead: the outcome writer's batch, and catch-up runs one after another. */
async function elapse(engine: EngineOnFakes, ms: number): Promise<void> {
  engine.clock.advance(ms);
  await jest.advanceTimersByTimeAsync(ms);
}

/** One dispatch pass, as the dispatcher's timer would run it, then the runs it started finish. */
async function dispatchPass(engine: EngineOnFakes): Promise<void> {
  engine.dispatcher.start();
  await engine.dispatcher.stop();
  await elapse(engine, 200);
}

function runsOf(engine: EngineOnFakes, taskId: string): TaskLogEntity[] {
  return engine.tables
    .runRows()
    .filter((run) => run.taskId === taskId)
    .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
}

describe('TaskDispatcher (in-memory stores, fake clock)', () => {
  let engine: EngineOnFakes;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(NOW) });
    engine = engineOnFakes({ now: NOW });
  });

  afterEach(async () => {
    const draining = engine.runner.drain(0);
    await jest.advanceTimersByTimeAsync(100);
    await draining;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('claims the due tasks of a pass in one batch and starts their fires together', async () => {
    const due = [
      await engine.addTask({ intervalSeconds: 60, nextRun: DUE }),
      await engine.addTask({ intervalSeconds: 60, nextRun: DUE }),
      await engine.addTask({ intervalSeconds: 60, nextRun: DUE }),
    ];
    const later = await engine.addTask({ nextRun: new Date(DUE.getTime() + HOUR) });
    const claims = jest.spyOn(engine.state, 'claimDueTasks');
    const starts = jest.spyOn(engine.runner, 'startMany');

    await dispatchPass(engine);

    expect(claims).toHaveBeenCalledTimes(1);
    expect(starts).toHaveBeenCalledTimes(1);
    expect(
      starts.mock.calls[0][0].map(({ task, fire, trigger }) => [task.id, fire, trigger]),
    ).toEqual(expect.arrayContaining(due.map((task) => [task.id, DUE, 'schedule'])));
    for (const task of due) {
      expect(runsOf(engine, task.id).map((run) => [run.scheduledFor, run.status])).toEqual([
        [DUE, 'completed'],
      ]);
      expect(engine.tables.readTask(task.id)?.nextRun).toEqual(new Date(DUE.getTime() + MINUTE));
    }
    expect(runsOf(engine, later.id)).toEqual([]);
    expect(engine.tables.readTask(later.id)?.nextRun).toEqual(later.nextRun);
  });

  describe('after downtime (next_run three hours ago, every 10 minutes)', () => {
    const clockAfterDowntime = '2026-05-01T12:05:00.000Z';
    const threeHoursAgo = new Date('2026-05-01T09:00:00.000Z');
    const cronTask = {
      scheduleType: 'cron' as const,
      cronExpression: '*/10 * * * *',
      intervalSeconds: null,
      nextRun: threeHoursAgo,
      misfireGraceSeconds: 3600,
    };

    beforeEach(() => engine.clock.set(clockAfterDowntime));

    it('run_once: runs the latest fire within the grace window once, records the older ones as missed', async () => {
      const task = await engine.addTask({ ...cronTask, misfirePolicy: 'run_once' });
      const missed = jest.fn();
      engine.events.on(SchedulingEvents.firesNotRun, missed);

      await engine.dispatcher.fireDue(task, engine.clock.now());
      await elapse(engine, 200);

      const runs = runsOf(engine, task.id);
      const completed = runs.filter((run) => run.status === 'completed');
      expect(completed.map((run) => [run.scheduledFor.toISOString(), run.trigger])).toEqual([
        ['2026-05-01T12:00:00.000Z', 'catch_up'],
      ]);
      const missedFires = runs.filter((run) => run.status === 'missed');
      expect(missedFires).toHaveLength(18);
      expect(missedFires[0].scheduledFor).toEqual(threeHoursAgo);
      expect(missed).toHaveBeenCalledWith(
        expect.objectContaining({ taskId: task.id, status: 'missed', count: 18 }),
      );
      expect(engine.tables.readTask(task.id)?.nextRun).toEqual(
        new Date('2026-05-01T12:10:00.000Z'),
      );
    });

    it('skip: records every late fire as missed and runs none', async () => {
      const task = await engine.addTask({ ...cronTask, misfirePolicy: 'skip' });
      await engine.dispatcher.fireDue(task, engine.clock.now());
      await elapse(engine, 200);

      const runs = runsOf(engine, task.id);
      expect(runs).toHaveLength(19);
      expect(runs.every((run) => run.status === 'missed')).toBe(true);
      expect(engine.probes.calls).toEqual([]);
      expect(engine.tables.readTask(task.id)?.nextRun).toEqual(
        new Date('2026-05-01T12:10:00.000Z'),
      );
    });
  });

  it('parks a task whose stored schedule no longer computes, and fires the rest of the batch', async () => {
    const broken = await engine.addTask({
      scheduleType: 'cron',
      cronExpression: '0 0 1 1 *',
      intervalSeconds: null,
      timezone: 'Mars/Olympus_Mons',
      nextRun: DUE,
    });
    const healthy = await engine.addTask({ nextRun: DUE });

    await dispatchPass(engine);

    expect(runsOf(engine, healthy.id).map((run) => run.status)).toEqual(['completed']);
    expect(runsOf(engine, broken.id)).toEqual([]);
    expect(engine.tables.readTask(broken.id)).toMatchObject({
      status: 'failed',
      nextRun: null,
      errorMessage:
        'Schedule cannot be computed, task parked until edited: unknown time zone "Mars/Olympus_Mons"',
    });
  });

  it('fires neither a paused task nor its pending retry, which is dropped', async () => {
    const paused = await engine.addTask({
      paused: true,
      nextRun: null,
      retryAt: DUE,
      retryScheduledFor: new Date(DUE.getTime() - HOUR),
      retryAttempt: 2,
    });
    const disabled = await engine.addTask({
      enabled: false,
      nextRun: null,
      retryAt: DUE,
      retryScheduledFor: new Date(DUE.getTime() - HOUR),
      retryAttempt: 2,
    });

    await dispatchPass(engine);
    await elapse(engine, 200);

    for (const task of [paused, disabled]) {
      expect(runsOf(engine, task.id)).toEqual([]);
      expect(engine.tables.readTask(task.id)).toMatchObject({ retryAt: null, retryAttempt: null });
    }
    expect(engine.probes.calls).toEqual([]);
  });

  it('starts due retries with their fire and attempt, once', async () => {
    const fire = new Date(DUE.getTime() - HOUR);
    const task = await engine.addTask({
      nextRun: new Date(DUE.getTime() + HOUR),
      retryAt: DUE,
      retryScheduledFor: fire,
      retryAttempt: 2,
    });
    const notYet = await engine.addTask({
      retryAt: new Date(DUE.getTime() + MINUTE),
      retryScheduledFor: fire,
      retryAttempt: 2,
    });

    await dispatchPass(engine);

    expect(
      runsOf(engine, task.id).map((run) => [run.scheduledFor, run.trigger, run.attempt]),
    ).toEqual([[fire, 'retry', 2]]);
    expect(engine.tables.readTask(task.id)).toMatchObject({ retryAt: null, status: 'completed' });
    expect(runsOf(engine, notYet.id)).toEqual([]);
    expect(engine.tables.readTask(notYet.id)?.retryAttempt).toBe(2);
  });

  it('leaves code-declared tasks to their own timers, and fires one when its timer hands it over', async () => {
    const code = await engine.addTask({ nextRun: DUE, origin: 'code', codeKey: 'test.noop' });

    await dispatchPass(engine);
    await elapse(engine, 200);
    expect(runsOf(engine, code.id)).toEqual([]);

    await engine.dispatcher.fireDue(engine.tables.readTask(code.id) as never, engine.clock.now());
    await elapse(engine, 200);
    expect(runsOf(engine, code.id).map((run) => run.status)).toEqual(['completed']);
  });

  it('gives claimed fires back when the runner is shutting down', async () => {
    const task = await engine.addTask({ nextRun: DUE });
    const draining = engine.runner.drain(0);
    await jest.advanceTimersByTimeAsync(10);
    await draining;

    await engine.dispatcher.fireDue(task, engine.clock.now());

    expect(runsOf(engine, task.id)).toEqual([]);
    expect(engine.tables.readTask(task.id)?.nextRun).toEqual(DUE);
  });
});
