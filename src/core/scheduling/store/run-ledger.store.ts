import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, LessThan, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { isUniqueViolation } from '../../../infra/database/database-errors';
import { TaskLogEntity } from '../entities/task-log.entity';
import type { RunProgress } from '../run-items';
import { RunStatus } from '../scheduling.types';
import { caseById, caseParameters, placeholders } from './batch-sql';
import { EngineSql } from './engine-sql';
import { NewRun, NonRun, RunOutcome } from './run-records';

/** Nine parameters a row: far below SQLite's variable limit. */
const NON_RUN_ROWS_PER_INSERT = 1000;

const RUN_COLUMNS = [
  'id',
  'task_id',
  'scheduled_for',
  'trigger',
  'attempt',
  'status',
  'execution_start',
  'instance_id',
  'heartbeat_at',
  'created_at',
] as const;

export interface RunFilter {
  taskId?: string;
  statuses?: RunStatus[];
  /** Runs that did nothing (`idle`) are left out unless this is true. */
  includeIdle?: boolean;
}

/**
 * The run history, `task_logs`: every column of it, and nothing else. Inserting a run's row is how
 * an instance claims a fire (`(task_id, scheduled_for, attempt)` is unique); the row then carries
 * the heartbeat and the outcome. Also fires that did not run (missed, skipped), sweeps of dead
 * instances' runs, cleanup of old history and the reads of the API.
 */
@Injectable()
export class RunLedgerStore {
  private readonly runs: Repository<TaskLogEntity>;

  constructor(private readonly sql: EngineSql) {
    this.runs = sql.dataSource.getRepository(TaskLogEntity);
  }

  findRun(id: string): Promise<TaskLogEntity | null> {
    return this.runs.findOneBy({ id });
  }

  /** Runs matching the filter, as a query the caller orders and pages (alias `r`). */
  queryRuns(filter: RunFilter): SelectQueryBuilder<TaskLogEntity> {
    const query = this.runs.createQueryBuilder('r');
    if (filter.taskId) query.andWhere('r.task_id = :taskId', { taskId: filter.taskId });
    if (filter.statuses?.length) query.andWhere({ status: In(filter.statuses) });
    if (!filter.includeIdle) query.andWhere('r.idle = 0');
    return query;
  }

  /** Inserts the running row; null when another instance already holds this fire and attempt. */
  async claimRun(run: NewRun): Promise<TaskLogEntity | null> {
    const row = this.runs.create({
      id: randomUUID(),
      taskId: run.taskId,
      scheduledFor: run.scheduledFor,
      trigger: run.trigger,
      attempt: run.attempt,
      status: 'running',
      executionStart: run.startedAt,
      instanceId: run.instanceId,
      heartbeatAt: run.startedAt,
    });
    try {
      await this.runs.insert(row);
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Inserts several running rows in one statement. A duplicate fails the whole statement, so then each
   * row is tried alone. Returns, per run, its id when this instance holds it, else null.
   */
  async claimRuns(runs: NewRun[]): Promise<(string | null)[]> {
    if (runs.length === 0) return [];
    if (runs.length === 1) return [(await this.claimRun(runs[0]))?.id ?? null];
    const ids = runs.map(() => randomUUID());
    const driver = this.sql.dataSource.driver;
    const columns = RUN_COLUMNS.map((column) => driver.escape(column)).join(', ');
    const row = `(${placeholders(RUN_COLUMNS.length)})`;
    const parameters: unknown[] = [];
    for (const [index, run] of runs.entries()) {
      const started = this.sql.at(run.startedAt);
      parameters.push(
        ids[index],
        run.taskId,
        this.sql.at(run.scheduledFor),
        run.trigger,
        run.attempt,
        'running',
        started,
        run.instanceId,
        started,
        started,
      );
    }
    try {
      await this.sql.execute(
        `INSERT INTO task_logs (${columns}) VALUES ${runs.map(() => row).join(', ')}`,
        parameters,
      );
      return ids;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const claimed: (string | null)[] = [];
    for (const run of runs) claimed.push((await this.claimRun(run))?.id ?? null);
    return claimed;
  }

  /** Of these tasks, the ones with a run in progress (on any instance). */
  async tasksWithRunningRuns(taskIds: string[]): Promise<Set<string>> {
    if (taskIds.length === 0) return new Set();
    const rows = await this.runs
      .createQueryBuilder('run')
      .select('DISTINCT run.task_id', 'taskId')
      .where("run.status = 'running' AND run.task_id IN (:...taskIds)", { taskIds })
      .getRawMany<{ taskId: string }>();
    return new Set(rows.map((row) => row.taskId));
  }

  async heartbeat(runIds: string[], now: Date): Promise<void> {
    if (runIds.length === 0) return;
    await this.sql.execute(
      `UPDATE ${this.sql.byPrimaryKey('task_logs')} SET heartbeat_at = ? ` +
        `WHERE id IN (${placeholders(runIds.length)}) AND status = 'running'`,
      [this.sql.at(now), ...runIds],
    );
  }

  /**
   * Records several finished runs in one UPDATE, each only while it is still this instance's running
   * row (a sweeper may have marked it interrupted). Returns the outcomes that were recorded.
   */
  async finishRuns(outcomes: RunOutcome[], instanceId: string): Promise<RunOutcome[]> {
    if (outcomes.length === 0) return [];
    const byId = (outcome: RunOutcome): string => outcome.runId;
    const ids = outcomes.map(byId);
    const values: [string, (outcome: RunOutcome) => unknown][] = [
      ['status', (outcome) => outcome.status],
      ['execution_end', (outcome) => this.sql.at(outcome.endedAt)],
      ['error_message', (outcome) => outcome.errorMessage],
      ['details', (outcome) => this.json('details', outcome.details)],
      ['items_total', (outcome) => outcome.items?.total ?? null],
      ['items_succeeded', (outcome) => outcome.items?.succeeded ?? null],
      ['items_failed', (outcome) => outcome.items?.failed ?? null],
      ['items_skipped', (outcome) => outcome.items?.skipped ?? null],
      ['retry_items', (outcome) => this.json('retryItems', outcome.retryItems)],
      ['idle', (outcome) => (outcome.idle ? 1 : 0)],
    ];
    const sql =
      `UPDATE ${this.sql.byPrimaryKey('task_logs')} SET ` +
      values.map(([column]) => `${column} = ${caseById(outcomes.length)}`).join(', ') +
      `, progress = NULL WHERE id IN (${placeholders(ids.length)}) AND instance_id = ? AND status = 'running'`;
    const parameters = [
      ...values.flatMap(([, value]) => caseParameters(outcomes, byId, value)),
      ...ids,
      instanceId,
    ];
    const affected = await this.sql.execute(sql, parameters);
    if (affected === outcomes.length) return outcomes;
    const rows = await this.runs.find({
      select: { id: true, status: true, executionEnd: true },
      where: { id: In(ids) },
    });
    const recorded = new Map(
      rows.map((row) => [row.id, `${row.status}@${row.executionEnd?.getTime()}`]),
    );
    return outcomes.filter(
      (outcome) => recorded.get(outcome.runId) === `${outcome.status}@${outcome.endedAt.getTime()}`,
    );
  }

  /** The progress of several running runs, one UPDATE; a run that has finished is left alone. */
  async writeProgress(entries: { runId: string; progress: RunProgress }[]): Promise<void> {
    if (entries.length === 0) return;
    const byId = (entry: { runId: string }): string => entry.runId;
    await this.sql.execute(
      `UPDATE ${this.sql.byPrimaryKey('task_logs')} SET progress = ${caseById(entries.length)} ` +
        `WHERE id IN (${placeholders(entries.length)}) AND status = 'running'`,
      [
        ...caseParameters(entries, byId, (entry) => this.json('progress', entry.progress)),
        ...entries.map(byId),
      ],
    );
  }

  /** The items a retry processes: what the previous attempt of the same fire left to do. */
  async retryItemsOf(
    taskId: string,
    scheduledFor: Date,
    attempt: number,
  ): Promise<string[] | null> {
    const row = await this.runs.findOne({
      select: { id: true, retryItems: true },
      where: { taskId, scheduledFor, attempt },
    });
    return row?.retryItems ?? null;
  }

  /** A narrowed retry records its scope at once, so an attempt after it (even after a crash) keeps it. */
  async setRetryItems(runId: string, items: string[]): Promise<void> {
    await this.runs.update({ id: runId }, { retryItems: items });
  }

  private json(property: 'details' | 'retryItems' | 'progress', value: unknown): unknown {
    const column = this.runs.metadata.findColumnWithPropertyName(property)!;
    return this.sql.dataSource.driver.preparePersistentValue(value, column);
  }

  /**
   * Rows for fires that did not execute (missed, skipped), of any tasks, a few multi-row INSERTs in
   * all; a fire already recorded is left alone.
   */
  async recordNonRuns(fires: NonRun[]): Promise<void> {
    for (let start = 0; start < fires.length; start += NON_RUN_ROWS_PER_INSERT) {
      const rows = fires.slice(start, start + NON_RUN_ROWS_PER_INSERT).map((fire) => ({
        id: randomUUID(),
        taskId: fire.taskId,
        scheduledFor: fire.scheduledFor,
        trigger: fire.trigger,
        attempt: fire.attempt,
        status: fire.status,
        executionStart: fire.at,
        executionEnd: fire.at,
        errorMessage: fire.errorMessage,
      }));
      await this.runs.createQueryBuilder().insert().values(rows).orIgnore().execute();
    }
  }

  findStaleRuns(heartbeatBefore: Date, limit: number): Promise<TaskLogEntity[]> {
    return this.runs.find({
      where: { status: 'running', heartbeatAt: LessThan(heartbeatBefore) },
      order: { heartbeatAt: 'ASC' },
      take: limit,
    });
  }

  /** Fenced on the heartbeat we saw: a run that heartbeats meanwhile is alive after all. */
  async markInterrupted(run: TaskLogEntity, now: Date, reason: string): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'interrupted', executionEnd: now, errorMessage: reason })
      .where("id = :id AND status = 'running' AND heartbeat_at = :seen", {
        id: run.id,
        seen: this.sql.at(run.heartbeatAt as Date),
      })
      .execute();
    return result.affected === 1;
  }

  /** Deletes one batch of old history; returns how many rows went. */
  async deleteRunsBefore(cutoff: Date, batchSize: number): Promise<number> {
    const old = await this.runs.find({
      select: { id: true },
      where: { createdAt: LessThan(cutoff), status: Not('running') },
      take: batchSize,
    });
    if (old.length === 0) return 0;
    await this.runs.delete({ id: In(old.map((row) => row.id)) });
    return old.length;
  }

  /** The whole history of a task that is being deleted. */
  async deleteRunsOfTask(taskId: string): Promise<void> {
    await this.runs.delete({ taskId });
  }
}
