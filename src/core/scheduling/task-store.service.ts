import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  FindOptionsWhere,
  In,
  IsNull,
  LessThan,
  LessThanOrEqual,
  Not,
  QueryRunner,
  Repository,
} from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { JsonObject } from '../../infra/database/column-types';
import { isUniqueViolation, retryOnLockConflict } from '../../infra/database/database-errors';
import { supportsSkipLocked } from '../../infra/database/row-locking';
import { caseById, caseParameters, idAndValueMatch, placeholders } from './batch-sql';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskLogEntity } from './entities/task-log.entity';
import { RunStatus, RunTrigger, TaskStatus } from './scheduling.types';

export interface NewRun {
  taskId: string;
  scheduledFor: Date;
  trigger: RunTrigger;
  attempt: number;
  instanceId: string;
  startedAt: Date;
}

/** A finished run to record, and what its task shows afterwards. */
export interface RunOutcome {
  status: RunStatus;
  endedAt: Date;
  errorMessage: string | null;
  details: JsonObject | null;
  runId: string;
  taskId: string;
  taskStatus: TaskStatus;
  lastRun: Date;
}

/** A fire recorded without executing: `missed` (misfire policy) or `skipped` (overlap policy). */
export interface NonRun {
  taskId: string;
  scheduledFor: Date;
  status: 'missed' | 'skipped';
  trigger: RunTrigger;
  attempt: number;
  errorMessage: string;
  at: Date;
}

/** Nine parameters a row: far below SQLite's variable limit. */
const NON_RUN_ROWS_PER_INSERT = 1000;

/** Moving a task's next_run on from the value read (`task.nextRun`) claims the fires up to it. */
export interface NextRunClaim {
  task: ScheduledTaskEntity;
  nextRun: Date | null;
  /** The claim starts a run now: the task shows `running`. */
  markRunning: boolean;
}

/** Settings a PATCH sets as given (the schedule fields are checked together, elsewhere). */
export const PLAIN_SETTINGS = [
  'sourceId',
  'name',
  'description',
  'timezone',
  'enabled',
  'payload',
  'overlapPolicy',
  'misfirePolicy',
  'misfireGraceSeconds',
  'maxRetries',
  'retryDelaySeconds',
  'timeoutSeconds',
] as const satisfies readonly (keyof ScheduledTaskEntity)[];

/** What an edit of a task may write (see `saveSettings`). */
const SETTINGS_FIELDS = [
  'taskType',
  'scheduleType',
  'cronExpression',
  'intervalSeconds',
  'runAt',
  ...PLAIN_SETTINGS,
  'paused',
  'operatorModified',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof ScheduledTaskEntity)[];

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

/**
 * Every read and write of the engine's two tables. Claims are compare-and-set updates or inserts
 * against a unique key, so instances sharing the database never both take the same fire.
 */
@Injectable()
export class TaskStore {
  readonly tasks: Repository<ScheduledTaskEntity>;
  readonly runs: Repository<TaskLogEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(ScheduledTaskEntity);
    this.runs = dataSource.getRepository(TaskLogEntity);
  }

  /**
   * `<table> FORCE INDEX (PRIMARY)` on MySQL/MariaDB. The batch UPDATEs select rows by id, but their
   * extra conditions (`status = 'running'`) tempt the optimizer into a range scan of a status index,
   * whose next-key locks cover other instances' runs too, and two instances then deadlock.
   */
  private byPrimaryKey(table: 'scheduled_tasks' | 'task_logs'): string {
    return this.dataSource.driver.options.type === 'better-sqlite3'
      ? table
      : `${table} FORCE INDEX (PRIMARY)`;
  }

  /** A Date as the driver stores it, for hand-written conditions (SQLite keeps text, MySQL DATETIME). */
  at(date: Date | null): unknown {
    if (date === null) return null;
    const column = this.tasks.metadata.findColumnWithPropertyName('nextRun');
    return this.dataSource.driver.preparePersistentValue(date, column!);
  }

  /**
   * Writes an edit of a task (API or code defaults): only the columns operators and code own, and
   * next_run when the edit re-timed the task. Status, last_run, retries and buffered fires belong to
   * the engine, which may have changed them since the task was read; a whole-row save would undo that.
   */
  async saveSettings(task: ScheduledTaskEntity, options: { retimed: boolean }): Promise<void> {
    const values: Partial<ScheduledTaskEntity> = {};
    for (const field of SETTINGS_FIELDS) Object.assign(values, { [field]: task[field] });
    if (options.retimed) values.nextRun = task.nextRun;
    await this.tasks
      .createQueryBuilder()
      .update()
      .set(values as QueryDeepPartialEntity<ScheduledTaskEntity>)
      .where('id = :id', { id: task.id })
      .execute();
  }

  /**
   * The earliest next_run the dispatcher fires (due or not), or null when nothing is scheduled.
   * Code-declared tasks fire by their own timers.
   */
  earliestNextRun(): Promise<Date | null> {
    return this.earliest('nextRun', { origin: Not('code' as const) });
  }

  /** When the next pending retry is due, or null when none is pending. */
  earliestRetryAt(): Promise<Date | null> {
    return this.earliest('retryAt');
  }

  private async earliest(
    column: 'nextRun' | 'retryAt',
    where: FindOptionsWhere<ScheduledTaskEntity> = {},
  ): Promise<Date | null> {
    const [task] = await this.tasks.find({
      select: { id: true, [column]: true },
      where: { ...where, [column]: Not(IsNull()) },
      order: { [column]: 'ASC' },
      take: 1,
    });
    return task?.[column] ?? null;
  }

  /**
   * Claims up to `limit` due tasks, soonest first: `plan` decides each one's new next_run and one
   * compare-and-set UPDATE moves them all. On MySQL 8 / MariaDB 10.6 and later the rows are read
   * `FOR UPDATE SKIP LOCKED` in a transaction, so instances dispatching at the same moment take
   * disjoint rows instead of contesting the same ones. Returns the claims this instance won.
   * Code-declared tasks are left to their own timers.
   */
  async claimDueTasks<T extends NextRunClaim>(
    now: Date,
    limit: number,
    plan: (task: ScheduledTaskEntity) => T,
  ): Promise<T[]> {
    return retryOnLockConflict(() => this.claimDueTasksOnce(now, limit, plan));
  }

  private async claimDueTasksOnce<T extends NextRunClaim>(
    now: Date,
    limit: number,
    plan: (task: ScheduledTaskEntity) => T,
  ): Promise<T[]> {
    const locking = supportsSkipLocked(this.dataSource.driver);
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      // READ COMMITTED: the locking read takes no gap locks, which would make peers' claims deadlock.
      if (locking) await queryRunner.startTransaction('READ COMMITTED');
      const query = queryRunner.manager
        .createQueryBuilder(ScheduledTaskEntity, 'task')
        .where('task.next_run IS NOT NULL AND task.next_run <= :now', { now: this.at(now) })
        .andWhere("task.origin <> 'code'")
        .orderBy('task.next_run', 'ASC')
        .limit(limit);
      if (locking) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const claims = (await query.getMany()).map(plan);
      const won = await this.claimNextRuns(claims, now, queryRunner);
      if (locking) await queryRunner.commitTransaction();
      return won;
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /**
   * Compare-and-set of several tasks' next_run in one statement. A single claim is exact. A batch that
   * moved fewer rows than asked (rows changed between read and claim: an operator edit, or on SQLite,
   * which has no row locks, a statement interleaved from elsewhere) keeps the rows that now hold the
   * planned next_run: whoever moved them planned the same fires, and the run row's unique key still
   * decides which instance runs each one.
   */
  async claimNextRuns<T extends NextRunClaim>(
    claims: T[],
    now: Date,
    queryRunner?: QueryRunner,
  ): Promise<T[]> {
    if (claims.length === 0) return [];
    const running = claims.filter((claim) => claim.markRunning).map((claim) => claim.task.id);
    const statusSet =
      running.length > 0
        ? `, status = CASE WHEN id IN (${placeholders(running.length)}) THEN 'running' ELSE status END`
        : '';
    const sql =
      `UPDATE ${this.byPrimaryKey('scheduled_tasks')} ` +
      `SET next_run = ${caseById(claims.length)}${statusSet}, updated_at = ? ` +
      `WHERE ${idAndValueMatch('next_run', claims.length)}`;
    const parameters = [
      ...caseParameters(
        claims,
        (claim) => claim.task.id,
        (claim) => this.at(claim.nextRun),
      ),
      ...running,
      this.at(now),
      ...caseParameters(
        claims,
        (claim) => claim.task.id,
        (claim) => this.at(claim.task.nextRun),
      ),
    ];
    const affected = await this.execute(sql, parameters, queryRunner);
    if (affected === claims.length) return claims;
    if (claims.length === 1) return [];
    const current = await (queryRunner?.manager ?? this.dataSource.manager).find(
      ScheduledTaskEntity,
      { select: { id: true, nextRun: true }, where: { id: In(claims.map((c) => c.task.id)) } },
    );
    const nextRunById = new Map(current.map((task) => [task.id, task.nextRun?.getTime() ?? null]));
    return claims.filter(
      (claim) => nextRunById.get(claim.task.id) === (claim.nextRun?.getTime() ?? null),
    );
  }

  /** Tasks whose pending retry is due, soonest first. */
  findDueRetries(now: Date, limit: number): Promise<ScheduledTaskEntity[]> {
    return this.tasks.find({
      where: { retryAt: LessThanOrEqual(now) },
      order: { retryAt: 'ASC' },
      take: limit,
    });
  }

  findTask(id: string): Promise<ScheduledTaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  /** Gives a claimed fire back (this instance is stopping): next_run returns to it for others to take. */
  async releaseNextRun(taskId: string, fire: Date, claimedNextRun: Date | null): Promise<void> {
    const query = this.tasks
      .createQueryBuilder()
      .update()
      .set({ nextRun: fire })
      .where('id = :id', { id: taskId });
    if (claimedNextRun) query.andWhere('next_run = :claimed', { claimed: this.at(claimedNextRun) });
    else query.andWhere('next_run IS NULL');
    await query.execute();
  }

  async claimRetry(task: ScheduledTaskEntity): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ retryAt: null, retryScheduledFor: null, retryAttempt: null })
      .where('id = :id AND retry_at = :old', { id: task.id, old: this.at(task.retryAt as Date) })
      .execute();
    return result.affected === 1;
  }

  /** Inserts the running row; false when another instance already holds this fire and attempt. */
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
    const columns = RUN_COLUMNS.map((column) => this.dataSource.driver.escape(column)).join(', ');
    const row = `(${placeholders(RUN_COLUMNS.length)})`;
    const parameters: unknown[] = [];
    for (const [index, run] of runs.entries()) {
      const started = this.at(run.startedAt);
      parameters.push(
        ids[index],
        run.taskId,
        this.at(run.scheduledFor),
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
      await this.execute(
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

  /**
   * Records several finished runs in one UPDATE, each only while it is still this instance's running
   * row (a sweeper may have marked it interrupted). Returns the outcomes that were recorded.
   */
  async finishRuns(outcomes: RunOutcome[], instanceId: string): Promise<RunOutcome[]> {
    if (outcomes.length === 0) return [];
    const detailsColumn = this.runs.metadata.findColumnWithPropertyName('details')!;
    const byId = (outcome: RunOutcome): string => outcome.runId;
    const ids = outcomes.map(byId);
    const sql =
      `UPDATE ${this.byPrimaryKey('task_logs')} SET status = ${caseById(outcomes.length)}, ` +
      `execution_end = ${caseById(outcomes.length)}, error_message = ${caseById(outcomes.length)}, ` +
      `details = ${caseById(outcomes.length)} ` +
      `WHERE id IN (${placeholders(ids.length)}) AND instance_id = ? AND status = 'running'`;
    const parameters = [
      ...caseParameters(outcomes, byId, (outcome) => outcome.status),
      ...caseParameters(outcomes, byId, (outcome) => this.at(outcome.endedAt)),
      ...caseParameters(outcomes, byId, (outcome) => outcome.errorMessage),
      ...caseParameters(outcomes, byId, (outcome) =>
        this.dataSource.driver.preparePersistentValue(outcome.details, detailsColumn),
      ),
      ...ids,
      instanceId,
    ];
    const affected = await this.execute(sql, parameters);
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

  /** The tasks' status, error and last_run after these runs; a task's latest outcome wins. */
  async recordTaskOutcomes(outcomes: RunOutcome[], now: Date): Promise<void> {
    const latest = [...new Map(outcomes.map((outcome) => [outcome.taskId, outcome])).values()];
    if (latest.length === 0) return;
    const byTask = (outcome: RunOutcome): string => outcome.taskId;
    const sql =
      `UPDATE ${this.byPrimaryKey('scheduled_tasks')} SET status = ${caseById(latest.length)}, ` +
      `error_message = ${caseById(latest.length)}, last_run = ${caseById(latest.length)}, ` +
      `updated_at = ? WHERE id IN (${placeholders(latest.length)})`;
    await this.execute(sql, [
      ...caseParameters(latest, byTask, (outcome) => outcome.taskStatus),
      ...caseParameters(latest, byTask, (outcome) => outcome.errorMessage),
      ...caseParameters(latest, byTask, (outcome) => this.at(outcome.lastRun)),
      this.at(now),
      ...latest.map(byTask),
    ]);
  }

  /**
   * Runs a hand-written statement; returns the rows it affected. On its own (no transaction) a
   * statement that lost a deadlock was rolled back whole, so it simply runs again.
   */
  private async execute(
    sql: string,
    parameters: unknown[],
    queryRunner?: QueryRunner,
  ): Promise<number> {
    if (queryRunner) return (await queryRunner.query(sql, parameters, true)).affected ?? 0;
    return retryOnLockConflict(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return (await runner.query(sql, parameters, true)).affected ?? 0;
      } finally {
        await runner.release();
      }
    });
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

  async recordTaskOutcome(
    taskId: string,
    outcome: { status: TaskStatus; lastRun?: Date; errorMessage: string | null },
  ): Promise<void> {
    const values: { status: TaskStatus; errorMessage: string | null; lastRun?: Date } = {
      status: outcome.status,
      errorMessage: outcome.errorMessage,
    };
    if (outcome.lastRun) values.lastRun = outcome.lastRun;
    await this.tasks
      .createQueryBuilder()
      .update()
      .set(values)
      .where('id = :id', { id: taskId })
      .execute();
  }

  /** One pending retry per task: a later failure does not push an earlier retry away. */
  async scheduleRetry(taskId: string, fire: Date, attempt: number, at: Date): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ retryAt: at, retryScheduledFor: fire, retryAttempt: attempt })
      .where('id = :id AND retry_at IS NULL', { id: taskId })
      .execute();
    return result.affected === 1;
  }

  async bufferFire(taskId: string, fire: Date, trigger: RunTrigger): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ bufferedFor: fire, bufferedTrigger: trigger })
      .where('id = :id AND buffered_for IS NULL', { id: taskId })
      .execute();
    return result.affected === 1;
  }

  /** The fire buffered behind a finished run; a scheduled one is dropped once the task is paused or disabled. */
  async takeBufferedFire(taskId: string): Promise<{ fire: Date; trigger: RunTrigger } | null> {
    const task = await this.tasks.findOne({
      where: { id: taskId },
      select: { id: true, bufferedFor: true, bufferedTrigger: true, paused: true, enabled: true },
    });
    if (!task?.bufferedFor) return null;
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ bufferedFor: null, bufferedTrigger: null })
      .where('id = :id AND buffered_for = :fire', { id: taskId, fire: this.at(task.bufferedFor) })
      .execute();
    if (result.affected !== 1) return null;
    const trigger = task.bufferedTrigger ?? 'schedule';
    if (trigger !== 'manual' && (task.paused || !task.enabled)) return null;
    return { fire: task.bufferedFor, trigger };
  }

  async heartbeat(runIds: string[], now: Date): Promise<void> {
    if (runIds.length === 0) return;
    await this.execute(
      `UPDATE ${this.byPrimaryKey('task_logs')} SET heartbeat_at = ? ` +
        `WHERE id IN (${placeholders(runIds.length)}) AND status = 'running'`,
      [this.at(now), ...runIds],
    );
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
        seen: this.at(run.heartbeatAt as Date),
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
}
