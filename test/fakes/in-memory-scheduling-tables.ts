import { QueryFailedError } from 'typeorm';
import { Clock, SystemClock } from '../../src/core/scheduling/clock';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';

/**
 * The two scheduling tables in memory, shared by the in-memory stores the way the real stores
 * share the database. Rows go in and come out as copies, as they would through a driver: a caller
 * holding a task it read sees none of the writes made since.
 */
export class InMemorySchedulingTables {
  readonly tasks = new Map<string, ScheduledTaskEntity>();
  readonly runs = new Map<string, TaskLogEntity>();

  /** `clock` stands in for the database's CURRENT_TIMESTAMP defaults. */
  constructor(readonly clock: Clock = new SystemClock()) {}

  /** A copy of the stored task, or null. */
  readTask(id: string): ScheduledTaskEntity | null {
    const task = this.tasks.get(id);
    return task ? copyOf(task) : null;
  }

  /** The stored rows themselves, for a store to change in place. */
  taskRows(): ScheduledTaskEntity[] {
    return [...this.tasks.values()];
  }

  runRows(): TaskLogEntity[] {
    return [...this.runs.values()];
  }

  readRun(id: string): TaskLogEntity | null {
    const run = this.runs.get(id);
    return run ? copyOf(run) : null;
  }
}

/** A copy with its own Date and JSON objects. */
export function copyOf<T extends object>(row: T): T {
  const copy = Object.create(Object.getPrototypeOf(row) as object) as T;
  for (const [key, value] of Object.entries(row)) {
    (copy as Record<string, unknown>)[key] =
      value instanceof Date
        ? new Date(value.getTime())
        : value !== null && typeof value === 'object'
          ? structuredClone(value)
          : value;
  }
  return copy;
}

/** Equal instants, or both null (a stored column compared with a value read earlier). */
export function sameInstant(a: Date | null | undefined, b: Date | null | undefined): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/** The error a driver throws for a duplicate key (isUniqueViolation recognises it). */
export function uniqueViolation(table: string): QueryFailedError {
  const driverError = Object.assign(new Error(`UNIQUE constraint failed: ${table}`), {
    code: 'SQLITE_CONSTRAINT_UNIQUE',
  });
  return new QueryFailedError(`INSERT INTO ${table}`, [], driverError);
}
