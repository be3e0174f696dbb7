import { Injectable } from '@nestjs/common';
import {
  FindOptionsWhere,
  In,
  IsNull,
  LessThanOrEqual,
  Not,
  QueryRunner,
  Repository,
} from 'typeorm';
import { retryOnLockConflict } from '../../../infra/database/database-errors';
import { supportsSkipLocked } from '../../../infra/database/row-locking';
import { ScheduledTaskEntity } from '../entities/scheduled-task.entity';
import { RunTrigger, TaskStatus } from '../scheduling.types';
import { caseById, caseParameters, idAndValueMatch, placeholders } from './batch-sql';
import { EngineSql } from './engine-sql';
import { RunOutcome } from './run-records';

/** Moving a task's next_run on from the value read (`task.nextRun`) claims the fires up to it. */
export interface NextRunClaim {
  task: ScheduledTaskEntity;
  nextRun: Date | null;
  /** The claim starts a run now: the task shows `running`. */
  markRunning: boolean;
}

/**
 * What the engine records on `scheduled_tasks` rows. Writes only the engine's columns: next_run
 * (claims, releases), status, error_message, last_run, retry_at, retry_scheduled_for,
 * retry_attempt, buffered_for, buffered_trigger, and updated_at with claims and outcomes. The
 * settings are written by TaskSettingsStore only. Claims are compare-and-set updates, so
 * instances sharing the database never both take the same fire.
 */
@Injectable()
export class TaskStateStore {
  private readonly tasks: Repository<ScheduledTaskEntity>;

  constructor(private readonly sql: EngineSql) {
    this.tasks = sql.dataSource.getRepository(ScheduledTaskEntity);
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
    const locking = supportsSkipLocked(this.sql.dataSource.driver);
    const queryRunner = this.sql.dataSource.createQueryRunner();
    try {
      // READ COMMITTED: the locking read takes no gap locks, which would make peers' claims deadlock.
      if (locking) await queryRunner.startTransaction('READ COMMITTED');
      const query = queryRunner.manager
        .createQueryBuilder(ScheduledTaskEntity, 'task')
        .where('task.next_run IS NOT NULL AND task.next_run <= :now', { now: this.sql.at(now) })
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
      `UPDATE ${this.sql.byPrimaryKey('scheduled_tasks')} ` +
      `SET next_run = ${caseById(claims.length)}${statusSet}, updated_at = ? ` +
      `WHERE ${idAndValueMatch('next_run', claims.length)}`;
    const parameters = [
      ...caseParameters(
        claims,
        (claim) => claim.task.id,
        (claim) => this.sql.at(claim.nextRun),
      ),
      ...running,
      this.sql.at(now),
      ...caseParameters(
        claims,
        (claim) => claim.task.id,
        (claim) => this.sql.at(claim.task.nextRun),
      ),
    ];
    const affected = await this.sql.execute(sql, parameters, queryRunner);
    if (affected === claims.length) return claims;
    if (claims.length === 1) return [];
    const current = await (queryRunner?.manager ?? this.sql.dataSource.manager).find(
      ScheduledTaskEntity,
      { select: { id: true, nextRun: true }, where: { id: In(claims.map((c) => c.task.id)) } },
    );
    const nextRunById = new Map(current.map((task) => [task.id, task.nextRun?.getTime() ?? null]));
    return claims.filter(
      (claim) => nextRunById.get(claim.task.id) === (claim.nextRun?.getTime() ?? null),
    );
  }

  /** Gives a claimed fire back (this instance is stopping): next_run returns to it for others to take. */
  async releaseNextRun(taskId: string, fire: Date, claimedNextRun: Date | null): Promise<void> {
    const query = this.tasks
      .createQueryBuilder()
      .update()
      .set({ nextRun: fire })
      .where('id = :id', { id: taskId });
    if (claimedNextRun)
      query.andWhere('next_run = :claimed', { claimed: this.sql.at(claimedNextRun) });
    else query.andWhere('next_run IS NULL');
    await query.execute();
  }

  /** Tasks whose pending retry is due, soonest first. */
  findDueRetries(now: Date, limit: number): Promise<ScheduledTaskEntity[]> {
    return this.tasks.find({
      where: { retryAt: LessThanOrEqual(now) },
      order: { retryAt: 'ASC' },
      take: limit,
    });
  }

  /** Takes the task's pending retry (as read); false when another instance took it first. */
  async claimRetry(task: ScheduledTaskEntity): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ retryAt: null, retryScheduledFor: null, retryAttempt: null })
      .where('id = :id AND retry_at = :old', {
        id: task.id,
        old: this.sql.at(task.retryAt as Date),
      })
      .execute();
    return result.affected === 1;
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

  /** The tasks' status, error and last_run after these runs; a task's latest outcome wins. */
  async recordTaskOutcomes(outcomes: RunOutcome[], now: Date): Promise<void> {
    const latest = [...new Map(outcomes.map((outcome) => [outcome.taskId, outcome])).values()];
    if (latest.length === 0) return;
    const byTask = (outcome: RunOutcome): string => outcome.taskId;
    const sql =
      `UPDATE ${this.sql.byPrimaryKey('scheduled_tasks')} SET status = ${caseById(latest.length)}, ` +
      `error_message = ${caseById(latest.length)}, last_run = ${caseById(latest.length)}, ` +
      `updated_at = ? WHERE id IN (${placeholders(latest.length)})`;
    await this.sql.execute(sql, [
      ...caseParameters(latest, byTask, (outcome) => outcome.taskStatus),
      ...caseParameters(latest, byTask, (outcome) => outcome.errorMessage),
      ...caseParameters(latest, byTask, (outcome) => this.sql.at(outcome.lastRun)),
      this.sql.at(now),
      ...latest.map(byTask),
    ]);
  }

  /** One task's status and error (a parked schedule, a run a sweeper found dead). */
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

  /** Holds one fire back for after the running one (overlap buffer_one); false when one is held already. */
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
      .where('id = :id AND buffered_for = :fire', {
        id: taskId,
        fire: this.sql.at(task.bufferedFor),
      })
      .execute();
    if (result.affected !== 1) return null;
    const trigger = task.bufferedTrigger ?? 'schedule';
    if (trigger !== 'manual' && (task.paused || !task.enabled)) return null;
    return { fire: task.bufferedFor, trigger };
  }
}
