import { DeepPartial, SelectQueryBuilder } from 'typeorm';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import {
  SETTINGS_COLUMNS,
  TaskLabel,
  TaskSettingsStore,
} from '../../src/core/scheduling/store/task-settings.store';
import { copyOf, InMemorySchedulingTables, uniqueViolation } from './in-memory-scheduling-tables';

type Contract = Pick<TaskSettingsStore, keyof TaskSettingsStore>;

/** TaskSettingsStore over InMemorySchedulingTables: the same columns written, the same reads. */
export class InMemoryTaskSettingsStore implements Contract {
  constructor(private readonly tables: InMemorySchedulingTables) {}

  /** This fake where the engine expects the real store. */
  asStore(): TaskSettingsStore {
    return this as unknown as TaskSettingsStore;
  }

  async findTask(id: string): Promise<ScheduledTaskEntity | null> {
    return this.tables.readTask(id);
  }

  async findTaskByCodeKey(codeKey: string): Promise<ScheduledTaskEntity | null> {
    const task = this.tables.taskRows().find((row) => row.codeKey === codeKey);
    return task ? copyOf(task) : null;
  }

  async labelsOf(ids: string[]): Promise<Map<string, TaskLabel>> {
    const labels = new Map<string, TaskLabel>();
    for (const id of ids) {
      const task = this.tables.readTask(id);
      if (task) labels.set(id, { key: task.codeKey, name: task.name });
    }
    return labels;
  }

  async codeTasksSignature(): Promise<string> {
    const code = this.tables.taskRows().filter((task) => task.codeKey !== null);
    return `${code.length}:${code.reduce((sum, task) => sum + task.version, 0)}`;
  }

  async findCodeTasksNotIn(keys: string[]): Promise<ScheduledTaskEntity[]> {
    return this.tables
      .taskRows()
      .filter((task) => task.codeKey !== null && !keys.includes(task.codeKey))
      .map(copyOf);
  }

  async countActiveApiTasksOutside(
    keys: string[],
  ): Promise<{ taskType: string; tasks: number; example: string }[]> {
    const byType = new Map<string, { taskType: string; tasks: number; example: string }>();
    for (const task of this.tables.taskRows()) {
      if (task.origin === 'code' || !task.enabled || task.paused || keys.includes(task.taskType))
        continue;
      const entry = byType.get(task.taskType) ?? {
        taskType: task.taskType,
        tasks: 0,
        example: task.id,
      };
      entry.tasks += 1;
      if (task.id < entry.example) entry.example = task.id;
      byType.set(task.taskType, entry);
    }
    return [...byType.values()].sort((a, b) => a.taskType.localeCompare(b.taskType));
  }

  async findCodeTasks(): Promise<ScheduledTaskEntity[]> {
    return this.tables
      .taskRows()
      .filter((task) => task.origin === 'code')
      .sort((a, b) => (a.codeKey ?? '').localeCompare(b.codeKey ?? ''))
      .map(copyOf);
  }

  queryTasks(): SelectQueryBuilder<ScheduledTaskEntity> {
    throw new Error('InMemoryTaskSettingsStore cannot build SQL queries; list through a database');
  }

  newTask(values: DeepPartial<ScheduledTaskEntity>): ScheduledTaskEntity {
    return Object.assign(new ScheduledTaskEntity(), values);
  }

  async insertTask(task: ScheduledTaskEntity): Promise<void> {
    const clash = this.tables
      .taskRows()
      .some((row) => row.id === task.id || (task.codeKey && row.codeKey === task.codeKey));
    if (clash) throw uniqueViolation('scheduled_tasks');
    const now = this.tables.clock.now();
    const row = copyOf(task);
    row.createdAt ??= now;
    row.updatedAt ??= now;
    row.lastRun ??= null;
    row.errorMessage ??= null;
    row.retryAt ??= null;
    row.retryScheduledFor ??= null;
    row.retryAttempt ??= null;
    row.bufferedFor ??= null;
    row.bufferedTrigger ??= null;
    this.tables.tasks.set(row.id, row);
  }

  async saveSettings(task: ScheduledTaskEntity, options: { retimed: boolean }): Promise<void> {
    const row = this.tables.tasks.get(task.id);
    if (!row) return;
    const edited = copyOf(task);
    for (const column of SETTINGS_COLUMNS) Object.assign(row, { [column]: edited[column] });
    if (options.retimed) row.nextRun = edited.nextRun;
  }

  async deleteTask(id: string): Promise<void> {
    this.tables.tasks.delete(id);
  }
}
