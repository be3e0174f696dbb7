import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, Not, Repository } from 'typeorm';
import type { TaskSourceReference } from '../declaration/task-options.decorator';
import { ScheduledTaskEntity } from '../entities/scheduled-task.entity';
import { TaskStatus } from '../scheduling.types';

/** Outcomes of a run that did not succeed; a one-off task left in one of them is done for good. */
const FAILED_STATUSES: TaskStatus[] = ['failed', 'timed_out', 'interrupted'];

/** The reads and deletes of `scheduled_tasks` that the weekly task cleanup needs. */
@Injectable()
export class TaskCleanupStore {
  private readonly tasks: Repository<ScheduledTaskEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.tasks = dataSource.getRepository(ScheduledTaskEntity);
  }

  /**
   * API-created one-off tasks whose run failed and will not be retried (no next run, no pending
   * retry), last run before `before`.
   */
  async findFailedOneOffTasks(before: Date, limit: number): Promise<string[]> {
    const rows = await this.tasks.find({
      select: { id: true },
      where: {
        origin: Not('code'),
        scheduleType: 'once',
        status: In(FAILED_STATUSES),
        nextRun: IsNull(),
        retryAt: IsNull(),
        lastRun: LessThan(before),
      },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /**
   * API-created tasks of the type whose `source_id` names no row of the source table any more
   * (`source` holds identifiers checked at boot, see task-declaration). Running tasks wait for a
   * later pass.
   */
  async findOrphanedTasks(
    taskType: string,
    source: TaskSourceReference,
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.tasks.manager.query(
      `SELECT t.id AS id FROM scheduled_tasks t
        WHERE t.task_type = ? AND t.origin <> 'code' AND t.source_id IS NOT NULL
          AND t.status <> 'running'
          AND NOT EXISTS (SELECT 1 FROM ${source.table} s WHERE s.${source.column} = t.source_id)
        ORDER BY t.id LIMIT ?`,
      [taskType, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Deletes the task unless a run of it started meanwhile; whether it went. */
  async deleteIdleTask(id: string): Promise<boolean> {
    const result = await this.tasks.delete({ id, status: Not('running') });
    return (result.affected ?? 0) > 0;
  }
}
