import { randomUUID } from 'node:crypto';
import { SelectQueryBuilder } from 'typeorm';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import type { RunProgress } from '../../src/core/scheduling/run-items';
import { RunLedgerStore } from '../../src/core/scheduling/store/run-ledger.store';
import { NewRun, NonRun, RunOutcome } from '../../src/core/scheduling/store/run-records';
import { copyOf, InMemorySchedulingTables, sameInstant } from './in-memory-scheduling-tables';

type Contract = Pick<RunLedgerStore, keyof RunLedgerStore>;

/** Columns a new row starts empty (or false) in. */
type RunItemColumns =
  | 'itemsTotal'
  | 'itemsSucceeded'
  | 'itemsFailed'
  | 'itemsSkipped'
  | 'progress'
  | 'retryItems'
  | 'idle';

/**
 * RunLedgerStore over InMemorySchedulingTables, keeping the unique key that makes inserting a run
 * row a claim: one row per (task, scheduled_for, attempt).
 */
export class InMemoryRunLedgerStore implements Contract {
  constructor(private readonly tables: InMemorySchedulingTables) {}

  asStore(): RunLedgerStore {
    return this as unknown as RunLedgerStore;
  }

  async findRun(id: string): Promise<TaskLogEntity | null> {
    return this.tables.readRun(id);
  }

  queryRuns(): SelectQueryBuilder<TaskLogEntity> {
    throw new Error('InMemoryRunLedgerStore cannot build SQL queries; list through a database');
  }

  async claimRun(run: NewRun): Promise<TaskLogEntity | null> {
    if (this.holds(run.taskId, run.scheduledFor, run.attempt)) return null;
    const row = this.insert({
      taskId: run.taskId,
      scheduledFor: run.scheduledFor,
      trigger: run.trigger,
      attempt: run.attempt,
      status: 'running',
      executionStart: run.startedAt,
      executionEnd: null,
      errorMessage: null,
      instanceId: run.instanceId,
      heartbeatAt: run.startedAt,
      createdAt: run.startedAt,
    });
    return copyOf(row);
  }

  async claimRuns(runs: NewRun[]): Promise<(string | null)[]> {
    const claimed: (string | null)[] = [];
    for (const run of runs) claimed.push((await this.claimRun(run))?.id ?? null);
    return claimed;
  }

  async tasksWithRunningRuns(taskIds: string[]): Promise<Set<string>> {
    const wanted = new Set(taskIds);
    return new Set(
      this.tables
        .runRows()
        .filter((run) => run.status === 'running' && wanted.has(run.taskId))
        .map((run) => run.taskId),
    );
  }

  async heartbeat(runIds: string[], now: Date): Promise<void> {
    for (const id of runIds) {
      const row = this.tables.runs.get(id);
      if (row?.status === 'running') row.heartbeatAt = new Date(now);
    }
  }

  async finishRuns(outcomes: RunOutcome[], instanceId: string): Promise<RunOutcome[]> {
    return outcomes.filter((outcome) => {
      const row = this.tables.runs.get(outcome.runId);
      if (!row || row.instanceId !== instanceId || row.status !== 'running') return false;
      row.status = outcome.status;
      row.executionEnd = new Date(outcome.endedAt);
      row.errorMessage = outcome.errorMessage;
      row.details = outcome.details === null ? null : structuredClone(outcome.details);
      row.itemsTotal = outcome.items?.total ?? null;
      row.itemsSucceeded = outcome.items?.succeeded ?? null;
      row.itemsFailed = outcome.items?.failed ?? null;
      row.itemsSkipped = outcome.items?.skipped ?? null;
      row.retryItems = outcome.retryItems && [...outcome.retryItems];
      row.idle = outcome.idle;
      row.progress = null;
      return true;
    });
  }

  async writeProgress(entries: { runId: string; progress: RunProgress }[]): Promise<void> {
    for (const { runId, progress } of entries) {
      const row = this.tables.runs.get(runId);
      if (row?.status === 'running') row.progress = structuredClone(progress);
    }
  }

  async retryItemsOf(
    taskId: string,
    scheduledFor: Date,
    attempt: number,
  ): Promise<string[] | null> {
    const row = this.tables
      .runRows()
      .find(
        (run) =>
          run.taskId === taskId &&
          run.attempt === attempt &&
          sameInstant(run.scheduledFor, scheduledFor),
      );
    return row?.retryItems ? [...row.retryItems] : null;
  }

  async setRetryItems(runId: string, items: string[]): Promise<void> {
    const row = this.tables.runs.get(runId);
    if (row) row.retryItems = [...items];
  }

  async recordNonRuns(fires: NonRun[]): Promise<void> {
    for (const fire of fires) {
      if (this.holds(fire.taskId, fire.scheduledFor, fire.attempt)) continue;
      this.insert({
        taskId: fire.taskId,
        scheduledFor: fire.scheduledFor,
        trigger: fire.trigger,
        attempt: fire.attempt,
        status: fire.status,
        executionStart: fire.at,
        executionEnd: fire.at,
        errorMessage: fire.errorMessage,
        instanceId: null,
        heartbeatAt: null,
        createdAt: this.tables.clock.now(),
      });
    }
  }

  async findStaleRuns(heartbeatBefore: Date, limit: number): Promise<TaskLogEntity[]> {
    return this.tables
      .runRows()
      .filter(
        (run) =>
          run.status === 'running' && run.heartbeatAt !== null && run.heartbeatAt < heartbeatBefore,
      )
      .sort((a, b) => (a.heartbeatAt as Date).getTime() - (b.heartbeatAt as Date).getTime())
      .slice(0, limit)
      .map(copyOf);
  }

  async markInterrupted(run: TaskLogEntity, now: Date, reason: string): Promise<boolean> {
    const row = this.tables.runs.get(run.id);
    if (row?.status !== 'running' || !sameInstant(row.heartbeatAt, run.heartbeatAt)) return false;
    row.status = 'interrupted';
    row.executionEnd = new Date(now);
    row.errorMessage = reason;
    return true;
  }

  async deleteRunsBefore(cutoff: Date, batchSize: number): Promise<number> {
    const old = this.tables
      .runRows()
      .filter((run) => run.createdAt < cutoff && run.status !== 'running')
      .slice(0, batchSize);
    for (const run of old) this.tables.runs.delete(run.id);
    return old.length;
  }

  async deleteRunsOfTask(taskId: string): Promise<void> {
    for (const run of this.tables.runRows())
      if (run.taskId === taskId) this.tables.runs.delete(run.id);
  }

  private holds(taskId: string, scheduledFor: Date, attempt: number): boolean {
    return this.tables
      .runRows()
      .some(
        (run) =>
          run.taskId === taskId &&
          run.attempt === attempt &&
          sameInstant(run.scheduledFor, scheduledFor),
      );
  }

  private insert(values: Omit<TaskLogEntity, 'id' | 'details' | RunItemColumns>): TaskLogEntity {
    const row = Object.assign(new TaskLogEntity(), copyOf(values), {
      id: randomUUID(),
      details: null,
      itemsTotal: null,
      itemsSucceeded: null,
      itemsFailed: null,
      itemsSkipped: null,
      progress: null,
      retryItems: null,
      idle: false,
    });
    this.tables.runs.set(row.id, row);
    return row;
  }
}
