import { SchedulerRegistry } from '@nestjs/schedule';
import { engineOnFakes, EngineOnFakes } from '../../../test/fakes/engine-on-fakes';
import { CronAdapter } from './cron.adapter';
import { RunFinishedEvent, RunLostEvent, SchedulingEvents } from './scheduling.events';
import { StaleRunSweeper } from './stale-run-sweeper';

const NOW = '2026-05-01T12:00:00.000Z';
const FIRE = new Date('2026-05-01T11:59:00.000Z');
const LEASE_MS = 5000;
const HEARTBEAT_MS = 1000;
const STEP_MS = 100;

/** A running row of an instance that stopped right after its last heartbeat, at the clock's now. */
async function runOfDeadInstance(engine: EngineOnFakes, taskId: string): Promise<string> {
  const run = await engine.ledger.claimRun({
    taskId,
    scheduledFor: FIRE,
    trigger: 'schedule',
    attempt: 1,
    instanceId: 'crashed-instance',
    startedAt: engine.clock.now(),
  });
  return run!.id;
}

function statusOf(engine: EngineOnFakes, runId: string): string | undefined {
  return engine.tables.runs.get(runId)?.status;
}

describe('StaleRunSweeper (in-memory stores, fake clock)', () => {
  let engine: EngineOnFakes;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(NOW) });
    engine = engineOnFakes({
      now: NOW,
      env: {
        SCHEDULER_LEASE_SECONDS: String(LEASE_MS / 1000),
        SCHEDULER_HEARTBEAT_SECONDS: String(HEARTBEAT_MS / 1000),
      },
    });
  });

  afterEach(async () => {
    await engine.sweeper.stop();
    jest.useRealTimers();
  });

  it('notices a dead run after the lease, and within the lease plus one heartbeat', async () => {
    const task = await engine.addTask({ maxRetries: 0 });
    const runId = await runOfDeadInstance(engine, task.id);
    const deathAt = engine.clock.now().getTime();
    engine.sweeper.start();

    let noticedAfterMs: number | null = null;
    while (noticedAfterMs === null && engine.clock.now().getTime() - deathAt < 60_000) {
      engine.clock.advance(STEP_MS);
      await jest.advanceTimersByTimeAsync(STEP_MS);
      if (statusOf(engine, runId) === 'interrupted')
        noticedAfterMs = engine.clock.now().getTime() - deathAt;
    }

    expect(noticedAfterMs).toBeGreaterThan(LEASE_MS);
    expect(noticedAfterMs).toBeLessThanOrEqual(LEASE_MS + HEARTBEAT_MS);
    expect(engine.tables.runs.get(runId)?.errorMessage).toBe(
      'Heartbeat lost (instance crashed-instance stopped for over 5s)',
    );
  });

  it('leaves a run that keeps beating alone', async () => {
    const task = await engine.addTask({});
    const runId = await runOfDeadInstance(engine, task.id);
    for (let beat = 0; beat < 20; beat++) {
      engine.clock.advance(HEARTBEAT_MS);
      await engine.ledger.heartbeat([runId], engine.clock.now());
      expect(await engine.sweeper.sweep()).toBe(0);
    }
    expect(statusOf(engine, runId)).toBe('running');
  });

  it('reports the lost run and lets its listeners finish before it schedules the retry', async () => {
    const task = await engine.addTask({ maxRetries: 2, retryDelaySeconds: 60 });
    const runId = await runOfDeadInstance(engine, task.id);
    const seen: string[] = [];
    engine.events.on(SchedulingEvents.runLost, async (event: RunLostEvent) => {
      // Several turns of the event loop's microtasks: an unawaited retry would land meanwhile.
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
      const retryAt = (await engine.settings.findTask(event.taskId))?.retryAt;
      seen.push(`lost ${event.runId} ${event.instanceId}, retry ${retryAt ? 'set' : 'not set'}`);
    });
    engine.events.on(SchedulingEvents.runFinished, (event: RunFinishedEvent) =>
      seen.push(`finished ${event.runId} ${event.status}`),
    );
    engine.clock.advance(LEASE_MS + 1);

    expect(await engine.sweeper.sweep()).toBe(1);

    expect(seen).toEqual([
      `lost ${runId} crashed-instance, retry not set`,
      `finished ${runId} interrupted`,
    ]);
    expect(await engine.settings.findTask(task.id)).toMatchObject({
      status: 'interrupted',
      retryAttempt: 2,
      retryScheduledFor: FIRE,
    });
  });

  it('interrupts a run once when two instances sweep it at the same time', async () => {
    const task = await engine.addTask({ maxRetries: 0 });
    await runOfDeadInstance(engine, task.id);
    const lost: string[] = [];
    engine.events.on(SchedulingEvents.runLost, (event: RunLostEvent) => lost.push(event.runId));
    const otherInstance = new StaleRunSweeper(
      engine.config,
      engine.ledger.asStore(),
      engine.settings.asStore(),
      engine.state.asStore(),
      engine.runner,
      new CronAdapter(new SchedulerRegistry()),
      engine.clock,
      engine.events,
    );
    engine.clock.advance(LEASE_MS + 1);

    const counts = await Promise.all([engine.sweeper.sweep(), otherInstance.sweep()]);

    expect(counts.sort()).toEqual([0, 1]);
    expect(lost).toHaveLength(1);
  });
});
