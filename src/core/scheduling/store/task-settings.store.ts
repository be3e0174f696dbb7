import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, In, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { getFlatEntities } from '../../../infra/database/flat-entity-reader';
import { ScheduledTaskEntity } from '../entities/scheduled-task.entity';
import { TaskStatus } from '../scheduling.types';

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

/**
 * The columns an edit writes: what operators (API, CLI) and code declarations own. The engine's
 * columns (status, error_message, last_run, retry_*, buffered_*) are not among them.
 */
export const SETTINGS_COLUMNS = [
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

export interface TaskFilter {
  status?: TaskStatus;
  taskType?: string;
  enabled?: boolean;
  sourceId?: string;
}

/**
 * The `scheduled_tasks` rows as operators and code define them, and every read of whole tasks.
 *
 * Writes only the settings columns: task_type, source_id, name, description, schedule_type,
 * cron_expression, interval_seconds, run_at, timezone, enabled, paused, payload, the policies
 * (overlap, misfire, retries, timeout), operator_modified, version, updated_at; and next_run when
 * an edit re-times the task (its schedule, enabled or paused changed: the next fire follows the
 * new settings). An insert writes the whole new row, the engine's columns at their starting values.
 * Everything else the engine records goes through TaskStateStore, so an edit never undoes it.
 */
/** How a run list names a run's task: the key of a code-declared task (null for API tasks). */
export interface TaskLabel {
  key: string | null;
  name: string;
}

@Injectable()
export class TaskSettingsStore {
  private readonly tasks: Repository<ScheduledTaskEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.tasks = dataSource.getRepository(ScheduledTaskEntity);
  }

  findTask(id: string): Promise<ScheduledTaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  findTaskByCodeKey(codeKey: string): Promise<ScheduledTaskEntity | null> {
    return this.tasks.findOneBy({ codeKey });
  }

  /**
   * Key and name of each of these tasks, in one query by primary key (for lists of runs, which
   * show them next to `task_id`); a deleted task is absent.
   */
  async labelsOf(ids: string[]): Promise<Map<string, TaskLabel>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await getFlatEntities(
      this.tasks
        .createQueryBuilder('t')
        .select(['t.id', 't.codeKey', 't.name'])
        .where('t.id IN (:...ids)', { ids: unique }),
    );
    return new Map(rows.map((row) => [row.id, { key: row.codeKey, name: row.name }]));
  }

  /** The code-declared tasks, by key. */
  findCodeTasks(): Promise<ScheduledTaskEntity[]> {
    return this.tasks.find({ where: { origin: 'code' }, order: { codeKey: 'ASC' } });
  }

  /**
   * Changes whenever a code-declared task is added, removed or edited (every edit bumps `version`):
   * one aggregate over the code_key index, so instances can poll it cheaply.
   */
  async codeTasksSignature(): Promise<string> {
    const row = await this.tasks
      .createQueryBuilder('task')
      .select('COUNT(*)', 'tasks')
      .addSelect('COALESCE(SUM(task.version), 0)', 'versions')
      .where('task.code_key IS NOT NULL')
      .getRawOne<{ tasks: number | string; versions: number | string }>();
    return `${row?.tasks}:${row?.versions}`;
  }

  /** Code-declared tasks whose key is not among `keys` (no code declares them any more). */
  findCodeTasksNotIn(keys: string[]): Promise<ScheduledTaskEntity[]> {
    return this.tasks.findBy({ codeKey: Not(In(keys)) });
  }

  /** Enabled, unpaused API tasks whose task_type is not among `keys`, counted per type. */
  countActiveApiTasksOutside(
    keys: string[],
  ): Promise<{ taskType: string; tasks: number | string; example: string }[]> {
    return this.tasks
      .createQueryBuilder('task')
      .select('task.task_type', 'taskType')
      .addSelect('COUNT(*)', 'tasks')
      .addSelect('MIN(task.id)', 'example')
      .where("task.origin <> 'code' AND task.enabled = :enabled AND task.paused = :paused", {
        enabled: 1,
        paused: 0,
      })
      .andWhere('task.task_type NOT IN (:...keys)', { keys })
      .groupBy('task.task_type')
      .orderBy('task.task_type')
      .getRawMany<{ taskType: string; tasks: number | string; example: string }>();
  }

  /** Tasks matching the filter, as a query the caller orders and pages (alias `t`). */
  queryTasks(filter: TaskFilter): SelectQueryBuilder<ScheduledTaskEntity> {
    const query = this.tasks.createQueryBuilder('t');
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.taskType) query.andWhere('t.task_type = :taskType', { taskType: filter.taskType });
    if (filter.sourceId) query.andWhere('t.source_id = :sourceId', { sourceId: filter.sourceId });
    if (filter.enabled !== undefined)
      query.andWhere('t.enabled = :enabled', { enabled: filter.enabled ? 1 : 0 });
    return query;
  }

  /** A task entity built in memory, not saved (see `insertTask`). */
  newTask(values: DeepPartial<ScheduledTaskEntity>): ScheduledTaskEntity {
    return this.tasks.create(values);
  }

  /** Throws the driver's unique violation when the id or code key exists already. */
  async insertTask(task: ScheduledTaskEntity): Promise<void> {
    await this.tasks.insert(task);
  }

  /**
   * Writes an edit of a task (API or code defaults): only the settings columns, and next_run when
   * the edit re-timed the task. A whole-row save would write back the status, retry or buffered
   * fire read with the task, undoing what the engine recorded since.
   */
  async saveSettings(task: ScheduledTaskEntity, options: { retimed: boolean }): Promise<void> {
    const values: Partial<ScheduledTaskEntity> = {};
    for (const column of SETTINGS_COLUMNS) Object.assign(values, { [column]: task[column] });
    if (options.retimed) values.nextRun = task.nextRun;
    await this.tasks
      .createQueryBuilder()
      .update()
      .set(values as QueryDeepPartialEntity<ScheduledTaskEntity>)
      .where('id = :id', { id: task.id })
      .execute();
  }

  async deleteTask(id: string): Promise<void> {
    await this.tasks.delete({ id });
  }
}
