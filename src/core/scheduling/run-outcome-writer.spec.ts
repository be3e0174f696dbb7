import { FakeClock } from '../../../test/fakes/fake-clock';
import { AppConfig } from '../../config/app-config';
import { validateEnvironment } from '../../config/load-config';
import { RunOutcomeWriter } from './run-outcome-writer';
import { RunLedgerStore } from './store/run-ledger.store';
import { RunOutcome } from './store/run-records';
import { TaskStateStore } from './store/task-state.store';

/** An in-memory stand-in for the two batch writes; `hold` keeps a write pending until released. */
class FakeOutcomeStore {
  readonly finishCalls: string[][] = [];
  readonly taskCalls: string[][] = [];
  interrupted = new Set<string>();
  failNext = false;
  private holding: Promise<void> = Promise.resolve();
  private release?: () => void;

  hold(): void {
    this.holding = new Promise((resolve) => (this.release = resolve));
  }

  releaseHold(): void {
    this.release?.();
  }

  async finishRuns(outcomes: RunOutcome[]): Promise<RunOutcome[]> {
    this.finishCalls.push(outcomes.map((outcome) => outcome.runId));
    await this.holding;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database went away');
    }
    return outcomes.filter((outcome) => !this.interrupted.has(outcome.runId));
  }

  async recordTaskOutcomes(outcomes: RunOutcome[]): Promise<void> {
    this.taskCalls.push(outcomes.map((outcome) => outcome.runId));
  }
}

function outcome(runId: string): RunOutcome {
  const at = new Date('2026-11-30T12:00:00Z');
  return {
    runId,
    taskId: `task-of-${runId}`,
    status: 'completed',
    endedAt: at,
    errorMessage: null,
    details: null,
    items: null,
    retryItems: null,
    idle: false,
    taskStatus: 'completed',
    lastRun: at,
  };
}

describe('RunOutcomeWriter', () => {
  let store: FakeOutcomeStore;
  let writer: RunOutcomeWriter;

  beforeEach(() => {
    jest.useFakeTimers();
    store = new FakeOutcomeStore();
    const config = new AppConfig(validateEnvironment({ SCHEDULER_INSTANCE_ID: 'node-a' }));
    writer = new RunOutcomeWriter(
      config,
      store as unknown as RunLedgerStore,
      store as unknown as TaskStateStore,
      new FakeClock('2026-11-30T12:00:01Z'),
    );
  });

  afterEach(() => jest.useRealTimers());

  it('writes the outcomes that arrive together in one batch, and says which were recorded', async () => {
    store.interrupted.add('run-2');
    const results = Promise.all(
      ['run-1', 'run-2', 'run-3'].map((id) => writer.record(outcome(id))),
    );
    expect(store.finishCalls).toEqual([]);
    await jest.advanceTimersByTimeAsync(20);
    expect(await results).toEqual([true, false, true]);
    expect(store.finishCalls).toEqual([['run-1', 'run-2', 'run-3']]);
    expect(store.taskCalls).toEqual([['run-1', 'run-3']]);
  });

  it('writes a full batch at once, without waiting for the delay', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `run-${i}`);
    const results = Promise.all(ids.map((id) => writer.record(outcome(id))));
    await jest.advanceTimersByTimeAsync(0);
    expect(store.finishCalls).toHaveLength(1);
    expect(store.finishCalls[0]).toHaveLength(200);
    expect((await results).every(Boolean)).toBe(true);
  });

  it('starts a batch only after the previous one is written, so outcomes land in order', async () => {
    store.hold();
    const first = writer.record(outcome('run-1'));
    await jest.advanceTimersByTimeAsync(20);
    const second = writer.record(outcome('run-2'));
    await jest.advanceTimersByTimeAsync(100);
    expect(store.finishCalls).toEqual([['run-1']]);
    store.releaseHold();
    await expect(first).resolves.toBe(true);
    await jest.advanceTimersByTimeAsync(0);
    await expect(second).resolves.toBe(true);
    expect(store.finishCalls).toEqual([['run-1'], ['run-2']]);
  });

  it('rejects every outcome of a batch whose write failed, and writes the next batch', async () => {
    store.failNext = true;
    const failed = Promise.allSettled(['run-1', 'run-2'].map((id) => writer.record(outcome(id))));
    await jest.advanceTimersByTimeAsync(20);
    expect((await failed).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const next = writer.record(outcome('run-3'));
    await jest.advanceTimersByTimeAsync(20);
    await expect(next).resolves.toBe(true);
  });
});
