import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, LessThan, Not, Repository } from 'typeorm';
import { JsonObject } from '../../infra/database/column-types';
import { isUniqueViolation } from '../../infra/database/database-errors';
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

export interface RunEnd {
  status: RunStatus;
  endedAt: Date;
  errorMessage: string | null;
  details: JsonObject | null;
}

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

  /** A Date as the driver stores it, for hand-written conditions (SQLite keeps text, MySQL DATETIME). */
  at(date: Date): unknown {
    const column = this.tasks.metadata.findColumnWithPropertyName('nextRun');
    return this.dataSource.driver.preparePersistentValue(date, column!);
  }

  findSoonest(limit: number): Promise<ScheduledTaskEntity[]> {
    return this.tasks.find({
      where: { nextRun: Not(IsNull()) },
      order: { nextRun: 'ASC' },
      take: limit,
    });
  }

  findSoonestRetries(limit: number): Promise<ScheduledTaskEntity[]> {
    return this.tasks.find({
      where: { retryAt: Not(IsNull()) },
      order: { retryAt: 'ASC' },
      take: limit,
    });
  }

  findTask(id: string): Promise<ScheduledTaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  /** Moves next_run on only if nobody else did: the winner owns the fires up to the old next_run. */
  async claimNextRun(
    task: ScheduledTaskEntity,
    newNextRun: Date | null,
    markRunning: boolean,
  ): Promise<boolean> {
    const values: { nextRun: Date | null; status?: TaskStatus } = { nextRun: newNextRun };
    if (markRunning) values.status = 'running';
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set(values)
      .where('id = :id AND next_run = :old', { id: task.id, old: this.at(task.nextRun as Date) })
      .execute();
    return result.affected === 1;
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

  /** Rows for fires that did not execute (missed, skipped); a fire already recorded is left alone. */
  async recordNonRuns(
    taskId: string,
    fires: Date[],
    fields: {
      status: RunStatus;
      trigger: RunTrigger;
      attempt?: number;
      errorMessage: string;
      at: Date;
    },
  ): Promise<void> {
    if (fires.length === 0) return;
    const rows = fires.map((scheduledFor) => ({
      id: randomUUID(),
      taskId,
      scheduledFor,
      trigger: fields.trigger,
      attempt: fields.attempt ?? 1,
      status: fields.status,
      executionStart: fields.at,
      executionEnd: fields.at,
      errorMessage: fields.errorMessage,
    }));
    await this.runs.createQueryBuilder().insert().values(rows).orIgnore().execute();
  }

  /** Writes the outcome unless the run was taken from us (marked interrupted by a sweeper). */
  async finishRun(runId: string, instanceId: string, end: RunEnd): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({
        status: end.status,
        executionEnd: end.endedAt,
        errorMessage: end.errorMessage,
        details: end.details,
      })
      .where("id = :id AND instance_id = :instanceId AND status = 'running'", {
        id: runId,
        instanceId,
      })
      .execute();
    return result.affected === 1;
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

  async bufferFire(taskId: string, fire: Date): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ bufferedFor: fire })
      .where('id = :id AND buffered_for IS NULL', { id: taskId })
      .execute();
    return result.affected === 1;
  }

  async takeBufferedFire(taskId: string): Promise<Date | null> {
    const task = await this.tasks.findOne({
      where: { id: taskId },
      select: { id: true, bufferedFor: true },
    });
    if (!task?.bufferedFor) return null;
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ bufferedFor: null })
      .where('id = :id AND buffered_for = :fire', { id: taskId, fire: this.at(task.bufferedFor) })
      .execute();
    return result.affected === 1 ? task.bufferedFor : null;
  }

  async hasRunningRun(taskId: string): Promise<boolean> {
    return (await this.runs.countBy({ taskId, status: 'running' })) > 0;
  }

  async heartbeat(runIds: string[], now: Date): Promise<void> {
    if (runIds.length === 0) return;
    await this.runs.update({ id: In(runIds), status: 'running' }, { heartbeatAt: now });
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
