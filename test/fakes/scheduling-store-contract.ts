import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { RunLedgerStore } from '../../src/core/scheduling/store/run-ledger.store';
import { NewRun, RunOutcome } from '../../src/core/scheduling/store/run-records';
import { TaskSettingsStore } from '../../src/core/scheduling/store/task-settings.store';
import { NextRunClaim, TaskStateStore } from '../../src/core/scheduling/store/task-state.store';
import { taskRow } from './task-rows';

type Public<T> = Pick<T, keyof T>;

/** The stores under test, over tables `reset` empties before each case. */
export interface SchedulingStoresUnderTest {
  settings: Public<TaskSettingsStore>;
  state: Public<TaskStateStore>;
  ledger: Public<RunLedgerStore>;
  reset(): Promise<void>;
  /** Every run row of a task, to check what the ledger wrote. */
  runsOfTask(taskId: string): Promise<TaskLogEntity[]>;
}

const at = (iso: string): Date => new Date(iso);

/**
 * What the engine relies on from its three stores. Run against the real stores on MySQL and SQLite
 * (integration) and against the in-memory fakes (unit), so the fakes the unit specs use behave
 * like the database.
 */
export function describeSchedulingStoreContract(
  name: string,
  subject: () => SchedulingStoresUnderTest,
): void {
  describe(`${name}: scheduling store contract`, () => {
    let stores: SchedulingStoresUnderTest;

    beforeEach(async () => {
      stores = subject();
      await stores.reset();
    });

    async function inserted(overrides: Partial<ScheduledTaskEntity> = {}) {
      const task = taskRow(overrides);
      await stores.settings.insertTask(task);
      return (await stores.settings.findTask(task.id)) as ScheduledTaskEntity;
    }

    const claim = (task: ScheduledTaskEntity, nextRun: Date | null): NextRunClaim => ({
      task,
      nextRun,
      markRunning: true,
    });

    const newRun = (taskId: string, fire: Date, overrides: Partial<NewRun> = {}): NewRun => ({
      taskId,
      scheduledFor: fire,
      trigger: 'schedule',
      attempt: 1,
      instanceId: 'instance-a',
      startedAt: at('2026-05-01T00:00:00.250Z'),
      ...overrides,
    });

    const outcome = (
      runId: string,
      taskId: string,
      status: 'completed' | 'failed',
    ): RunOutcome => ({
      runId,
      taskId,
      status,
      endedAt: at('2026-05-01T00:00:01.500Z'),
      errorMessage: status === 'failed' ? 'it broke' : null,
      details: { rows: 3 },
      items: null,
      retryItems: null,
      idle: false,
      taskStatus: status,
      lastRun: at('2026-05-01T00:00:00.250Z'),
    });

    describe('task settings', () => {
      it('inserts a task and reads it back by id and by code key', async () => {
        const task = await inserted({ codeKey: 'demo.job', origin: 'code', name: 'Demo' });
        expect(task).toMatchObject({ name: 'Demo', origin: 'code', status: 'pending' });
        expect((await stores.settings.findTaskByCodeKey('demo.job'))?.id).toBe(task.id);
        expect(await stores.settings.findTask('00000000-0000-4000-8000-00000000dead')).toBeNull();
      });

      it('lists the code-declared tasks by key', async () => {
        await inserted({ codeKey: 'b.job', origin: 'code' });
        await inserted();
        await inserted({ codeKey: 'a.job', origin: 'code' });
        const keys = (await stores.settings.findCodeTasks()).map((task) => task.codeKey);
        expect(keys).toEqual(['a.job', 'b.job']);
      });

      it("saves an edit's settings without undoing what the engine recorded since the read", async () => {
        const stale = await inserted({ nextRun: at('2026-05-01T01:00:00Z') });
        await stores.state.recordTaskOutcome(stale.id, {
          status: 'failed',
          lastRun: at('2026-05-01T00:00:00Z'),
          errorMessage: 'bank timed out',
        });
        await stores.state.scheduleRetry(
          stale.id,
          at('2026-05-01T00:00:00Z'),
          2,
          at('2026-05-01T00:05:00Z'),
        );
        await stores.state.bufferFire(stale.id, at('2026-05-01T00:30:00Z'), 'manual');

        Object.assign(stale, { name: 'Renamed', maxRetries: 5, version: 2 });
        await stores.settings.saveSettings(stale, { retimed: false });

        const saved = (await stores.settings.findTask(stale.id)) as ScheduledTaskEntity;
        expect(saved).toMatchObject({
          name: 'Renamed',
          maxRetries: 5,
          version: 2,
          status: 'failed',
          errorMessage: 'bank timed out',
          retryAttempt: 2,
          bufferedTrigger: 'manual',
        });
        expect(saved.retryAt?.toISOString()).toBe('2026-05-01T00:05:00.000Z');
        expect(saved.nextRun?.toISOString()).toBe('2026-05-01T01:00:00.000Z');
      });

      it('writes next_run with an edit only when the edit re-times the task', async () => {
        const task = await inserted({ nextRun: at('2026-05-01T01:00:00Z') });
        task.nextRun = at('2026-06-01T00:00:00Z');
        await stores.settings.saveSettings(task, { retimed: false });
        expect((await stores.settings.findTask(task.id))?.nextRun?.toISOString()).toBe(
          '2026-05-01T01:00:00.000Z',
        );
        task.paused = true;
        task.nextRun = null;
        await stores.settings.saveSettings(task, { retimed: true });
        expect(await stores.settings.findTask(task.id)).toMatchObject({
          paused: true,
          nextRun: null,
        });
      });

      it('deletes a task', async () => {
        const task = await inserted();
        await stores.settings.deleteTask(task.id);
        expect(await stores.settings.findTask(task.id)).toBeNull();
      });
    });

    describe('engine state', () => {
      it("claims a task's fires once: a second claim from the same read loses", async () => {
        const task = await inserted({ nextRun: at('2026-05-01T00:00:00Z') });
        const next = at('2026-05-01T01:00:00Z');
        const now = at('2026-05-01T00:00:00.010Z');
        expect(await stores.state.claimNextRuns([claim(task, next)], now)).toHaveLength(1);
        expect(await stores.state.claimNextRuns([claim(task, next)], now)).toEqual([]);
        expect(await stores.settings.findTask(task.id)).toMatchObject({ status: 'running' });
        expect((await stores.settings.findTask(task.id))?.nextRun?.toISOString()).toBe(
          next.toISOString(),
        );
      });

      it('claims due tasks soonest first, up to the limit, and moves their next_run', async () => {
        const third = await inserted({ nextRun: at('2026-05-01T00:00:03Z') });
        const first = await inserted({ nextRun: at('2026-05-01T00:00:01Z') });
        const second = await inserted({ nextRun: at('2026-05-01T00:00:02Z') });
        await inserted({ nextRun: at('2026-05-01T09:00:00Z') });
        const now = at('2026-05-01T00:00:05Z');
        const later = at('2026-05-01T01:00:00Z');
        const claims = await stores.state.claimDueTasks(now, 2, (task) => claim(task, later));
        expect(claims.map((won) => won.task.id)).toEqual([first.id, second.id]);
        expect((await stores.settings.findTask(first.id))?.nextRun?.toISOString()).toBe(
          later.toISOString(),
        );
        expect((await stores.settings.findTask(third.id))?.nextRun?.toISOString()).toBe(
          '2026-05-01T00:00:03.000Z',
        );
        expect((await stores.state.earliestNextRun())?.toISOString()).toBe(
          '2026-05-01T00:00:03.000Z',
        );
      });

      it('keeps only the claims of a batch whose rows did not change after the read', async () => {
        const fire = at('2026-05-01T00:00:00Z');
        const kept = await inserted({ nextRun: fire });
        const edited = await inserted({ nextRun: fire });
        const edit = await stores.settings.findTask(edited.id);
        Object.assign(edit as ScheduledTaskEntity, { nextRun: at('2026-07-01T00:00:00Z') });
        await stores.settings.saveSettings(edit as ScheduledTaskEntity, { retimed: true });
        const won = await stores.state.claimNextRuns(
          [claim(kept, at('2026-05-01T01:00:00Z')), claim(edited, at('2026-05-01T01:00:00Z'))],
          fire,
        );
        expect(won.map((item) => item.task.id)).toEqual([kept.id]);
        expect((await stores.settings.findTask(edited.id))?.nextRun?.toISOString()).toBe(
          '2026-07-01T00:00:00.000Z',
        );
      });

      it('gives a claimed fire back only while next_run is still the claimed one', async () => {
        const fire = at('2026-05-01T00:00:00Z');
        const claimed = at('2026-05-01T01:00:00Z');
        const task = await inserted({ nextRun: claimed });
        await stores.state.releaseNextRun(task.id, fire, at('2026-05-01T02:00:00Z'));
        expect((await stores.settings.findTask(task.id))?.nextRun?.toISOString()).toBe(
          claimed.toISOString(),
        );
        await stores.state.releaseNextRun(task.id, fire, claimed);
        expect((await stores.settings.findTask(task.id))?.nextRun?.toISOString()).toBe(
          fire.toISOString(),
        );
      });

      it('keeps one pending retry per task, and lets one reader take it', async () => {
        const task = await inserted();
        const fire = at('2026-05-01T00:00:00Z');
        expect(await stores.state.scheduleRetry(task.id, fire, 2, at('2026-05-01T00:05:00Z'))).toBe(
          true,
        );
        expect(await stores.state.scheduleRetry(task.id, fire, 3, at('2026-05-01T00:01:00Z'))).toBe(
          false,
        );
        expect((await stores.state.earliestRetryAt())?.toISOString()).toBe(
          '2026-05-01T00:05:00.000Z',
        );
        expect(await stores.state.findDueRetries(at('2026-05-01T00:04:59Z'), 10)).toEqual([]);
        const [due] = await stores.state.findDueRetries(at('2026-05-01T00:05:00Z'), 10);
        expect(due).toMatchObject({ id: task.id, retryAttempt: 2 });
        expect(due.retryScheduledFor?.toISOString()).toBe(fire.toISOString());
        expect(await stores.state.claimRetry(due)).toBe(true);
        expect(await stores.state.claimRetry(due)).toBe(false);
        expect(await stores.settings.findTask(task.id)).toMatchObject({
          retryAt: null,
          retryScheduledFor: null,
          retryAttempt: null,
        });
      });

      it('buffers one fire; a scheduled one is dropped once the task is paused, a run-now is kept', async () => {
        const scheduled = await inserted();
        const manual = await inserted();
        const fire = at('2026-05-01T00:10:00Z');
        expect(await stores.state.bufferFire(scheduled.id, fire, 'schedule')).toBe(true);
        expect(await stores.state.bufferFire(scheduled.id, fire, 'schedule')).toBe(false);
        expect(await stores.state.bufferFire(manual.id, fire, 'manual')).toBe(true);
        for (const task of [scheduled, manual]) {
          task.paused = true;
          await stores.settings.saveSettings(task, { retimed: true });
        }
        expect(await stores.state.takeBufferedFire(scheduled.id)).toBeNull();
        const kept = await stores.state.takeBufferedFire(manual.id);
        expect(kept?.trigger).toBe('manual');
        expect(kept?.fire.toISOString()).toBe(fire.toISOString());
        expect(await stores.state.takeBufferedFire(manual.id)).toBeNull();
        expect(await stores.settings.findTask(scheduled.id)).toMatchObject({
          bufferedFor: null,
          bufferedTrigger: null,
        });
      });

      it('records the latest outcome of each task of a batch', async () => {
        const task = await inserted();
        await stores.state.recordTaskOutcomes(
          [outcome('run-1', task.id, 'failed'), outcome('run-2', task.id, 'completed')],
          at('2026-05-01T00:00:02Z'),
        );
        const after = (await stores.settings.findTask(task.id)) as ScheduledTaskEntity;
        expect(after).toMatchObject({ status: 'completed', errorMessage: null });
        expect(after.lastRun?.toISOString()).toBe('2026-05-01T00:00:00.250Z');
      });
    });

    describe('run ledger', () => {
      it('records item counts, the retry scope and idleness with the outcome, and clears progress', async () => {
        const task = await inserted();
        const fire = at('2026-05-01T00:00:00Z');
        const [runId] = await stores.ledger.claimRuns([newRun(task.id, fire)]);
        const progress = {
          total: 5,
          done: 2,
          succeeded: 1,
          failed: 1,
          skipped: 0,
          current: 'item c',
          updated_at: '2026-05-01T00:00:01.000Z',
        };
        await stores.ledger.writeProgress([{ runId: runId as string, progress }]);
        expect((await stores.ledger.findRun(runId as string))?.progress).toEqual(progress);

        const finished: RunOutcome = {
          ...outcome(runId as string, task.id, 'completed'),
          status: 'partial',
          items: { total: 5, succeeded: 3, failed: 2, skipped: 0 },
          retryItems: ['b', 'e'],
          idle: true,
        };
        expect(await stores.ledger.finishRuns([finished], 'instance-a')).toEqual([finished]);
        const [row] = await stores.runsOfTask(task.id);
        expect(row).toMatchObject({
          status: 'partial',
          itemsTotal: 5,
          itemsSucceeded: 3,
          itemsFailed: 2,
          itemsSkipped: 0,
          retryItems: ['b', 'e'],
          progress: null,
        });
        expect(Boolean(row.idle)).toBe(true);
        expect(await stores.ledger.retryItemsOf(task.id, fire, 1)).toEqual(['b', 'e']);
        expect(await stores.ledger.retryItemsOf(task.id, fire, 2)).toBeNull();

        // Progress arriving after the outcome is dropped.
        await stores.ledger.writeProgress([{ runId: runId as string, progress }]);
        expect((await stores.ledger.findRun(runId as string))?.progress).toBeNull();
      });

      it('writes a retry scope on a running row and reads it for the next attempt', async () => {
        const task = await inserted();
        const fire = at('2026-05-01T00:00:00Z');
        const [runId] = await stores.ledger.claimRuns([newRun(task.id, fire, { attempt: 2 })]);
        await stores.ledger.setRetryItems(runId as string, ['42']);
        expect(await stores.ledger.retryItemsOf(task.id, fire, 2)).toEqual(['42']);
      });

      it("names runs' tasks in one read: key and name, nothing for a deleted task", async () => {
        const code = await inserted({ codeKey: 'demo.job', origin: 'code', name: 'Demo' });
        const api = await inserted({ name: 'From the API' });
        const labels = await stores.settings.labelsOf([code.id, api.id, code.id, 'gone']);
        expect(Object.fromEntries(labels)).toEqual({
          [code.id]: { key: 'demo.job', name: 'Demo' },
          [api.id]: { key: null, name: 'From the API' },
        });
      });

      it('claims each fire and attempt once, whoever inserts it', async () => {
        const task = await inserted();
        const fire = at('2026-05-01T00:00:00Z');
        const [first] = await stores.ledger.claimRuns([newRun(task.id, fire)]);
        expect(first).toEqual(expect.any(String));
        const batch = await stores.ledger.claimRuns([
          newRun(task.id, fire, { instanceId: 'instance-b' }),
          newRun(task.id, fire, { attempt: 2, trigger: 'retry' }),
          newRun(task.id, at('2026-05-01T00:01:00Z')),
        ]);
        expect(batch.map((id) => id !== null)).toEqual([false, true, true]);
        const row = await stores.ledger.findRun(first as string);
        expect(row).toMatchObject({ status: 'running', instanceId: 'instance-a', attempt: 1 });
        expect(row?.heartbeatAt?.toISOString()).toBe('2026-05-01T00:00:00.250Z');
      });

      it('knows which tasks have a run in progress', async () => {
        const busy = await inserted();
        const idle = await inserted();
        await stores.ledger.claimRuns([newRun(busy.id, at('2026-05-01T00:00:00Z'))]);
        expect(await stores.ledger.tasksWithRunningRuns([busy.id, idle.id])).toEqual(
          new Set([busy.id]),
        );
        expect(await stores.ledger.tasksWithRunningRuns([])).toEqual(new Set());
      });

      it("records outcomes only on the instance's own rows that are still running", async () => {
        const task = await inserted();
        const [ours, swept, theirs] = (await stores.ledger.claimRuns([
          newRun(task.id, at('2026-05-01T00:00:00Z')),
          newRun(task.id, at('2026-05-01T00:01:00Z')),
          newRun(task.id, at('2026-05-01T00:02:00Z'), { instanceId: 'instance-b' }),
        ])) as string[];
        const sweptRow = (await stores.ledger.findRun(swept)) as TaskLogEntity;
        expect(
          await stores.ledger.markInterrupted(sweptRow, at('2026-05-01T00:09:00Z'), 'dead'),
        ).toBe(true);
        const outcomes = [ours, swept, theirs].map((id) => outcome(id, task.id, 'completed'));
        const recorded = await stores.ledger.finishRuns(outcomes, 'instance-a');
        expect(recorded.map((item) => item.runId)).toEqual([ours]);
        const row = (await stores.ledger.findRun(ours)) as TaskLogEntity;
        expect(row).toMatchObject({ status: 'completed', details: { rows: 3 } });
        expect(row.executionEnd?.toISOString()).toBe('2026-05-01T00:00:01.500Z');
        expect(await stores.ledger.findRun(swept)).toMatchObject({
          status: 'interrupted',
          errorMessage: 'dead',
        });
        expect(await stores.ledger.findRun(theirs)).toMatchObject({ status: 'running' });
      });

      it('records a fire that did not run once, however often it is reported', async () => {
        const task = await inserted();
        const missed = {
          taskId: task.id,
          scheduledFor: at('2026-05-01T00:00:00Z'),
          status: 'missed' as const,
          trigger: 'catch_up' as const,
          attempt: 1,
          errorMessage: 'outside the grace window',
          at: at('2026-05-01T03:00:00Z'),
        };
        await stores.ledger.recordNonRuns([missed]);
        await stores.ledger.recordNonRuns([missed, { ...missed, status: 'skipped' }]);
        const rows = await stores.runsOfTask(task.id);
        expect(rows.map((row) => [row.status, row.errorMessage])).toEqual([
          ['missed', 'outside the grace window'],
        ]);
      });

      it('heartbeats running rows, and interrupts a stale one only if it did not beat since it was read', async () => {
        const task = await inserted();
        const [alive, dead] = (await stores.ledger.claimRuns([
          newRun(task.id, at('2026-05-01T00:00:00Z')),
          newRun(task.id, at('2026-05-01T00:01:00Z')),
        ])) as string[];
        const stale = await stores.ledger.findStaleRuns(at('2026-05-01T00:05:00Z'), 10);
        expect(stale.map((run) => run.id).sort()).toEqual([alive, dead].sort());
        await stores.ledger.heartbeat([alive], at('2026-05-01T00:06:00Z'));
        const seen = stale.find((run) => run.id === alive) as TaskLogEntity;
        expect(await stores.ledger.markInterrupted(seen, at('2026-05-01T00:07:00Z'), 'lost')).toBe(
          false,
        );
        const deadRow = stale.find((run) => run.id === dead) as TaskLogEntity;
        expect(
          await stores.ledger.markInterrupted(deadRow, at('2026-05-01T00:07:00Z'), 'lost'),
        ).toBe(true);
        expect(await stores.ledger.findStaleRuns(at('2026-05-01T00:05:00Z'), 10)).toEqual([]);
      });

      it('deletes old finished history in batches and never a running row', async () => {
        const task = await inserted();
        const base = Date.parse('2026-05-01T00:00:00Z');
        await stores.ledger.recordNonRuns(
          [0, 1, 2].map((minute) => ({
            taskId: task.id,
            scheduledFor: new Date(base + minute * 60_000),
            status: 'missed' as const,
            trigger: 'catch_up' as const,
            attempt: 1,
            errorMessage: 'old',
            at: new Date(base),
          })),
        );
        await stores.ledger.claimRuns([newRun(task.id, new Date(base + 3_600_000))]);
        const cutoff = at('2100-01-01T00:00:00Z');
        expect(await stores.ledger.deleteRunsBefore(cutoff, 2)).toBe(2);
        expect(await stores.ledger.deleteRunsBefore(cutoff, 2)).toBe(1);
        expect(await stores.ledger.deleteRunsBefore(cutoff, 2)).toBe(0);
        expect((await stores.runsOfTask(task.id)).map((row) => row.status)).toEqual(['running']);
        await stores.ledger.deleteRunsOfTask(task.id);
        expect(await stores.runsOfTask(task.id)).toEqual([]);
      });
    });
  });
}
