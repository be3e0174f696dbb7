import { Injectable } from '@nestjs/common';
import type { TaskSourceReference } from './declaration/task-options.decorator';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskCleanupStore } from './store/task-cleanup.store';
import { TaskCommands } from './task-commands';
import { TaskHandlerRegistry } from './task-handler-registry.service';

const CLEANUP_BATCH = 500;

export interface TaskCleanupStats {
  /** One-off tasks that failed for good before the retention cutoff. */
  failedOneOff: number;
  /** Tasks whose source row is gone, per task type. */
  orphaned: Record<string, number>;
}

/**
 * Deletes scheduled tasks nobody will run again: API-created one-off tasks that failed for good
 * longer ago than the log retention, and tasks whose `source_id` names a row that no longer exists
 * (the handler's `@TaskOptions({ source })` says which table). Each goes with its run history.
 */
@Injectable()
export class TaskCleanup {
  constructor(
    private readonly store: TaskCleanupStore,
    private readonly ledger: RunLedgerStore,
    private readonly handlers: TaskHandlerRegistry,
    private readonly commands: TaskCommands,
  ) {}

  /** The task types whose `source_id` references a table, as their handlers declare. */
  sourceReferences(): { taskType: string; source: TaskSourceReference }[] {
    return this.handlers
      .all()
      .filter((handler) => handler.options.source !== undefined)
      .map((handler) => ({
        taskType: handler.key,
        source: handler.options.source as TaskSourceReference,
      }));
  }

  async run(failedBefore: Date, signal?: AbortSignal): Promise<TaskCleanupStats> {
    const stats: TaskCleanupStats = { failedOneOff: 0, orphaned: {} };
    try {
      stats.failedOneOff = await this.removeAll(
        () => this.store.findFailedOneOffTasks(failedBefore, CLEANUP_BATCH),
        signal,
      );
      for (const { taskType, source } of this.sourceReferences()) {
        stats.orphaned[taskType] = await this.removeAll(
          () => this.store.findOrphanedTasks(taskType, source, CLEANUP_BATCH),
          signal,
        );
      }
    } finally {
      const removed = stats.failedOneOff + Object.values(stats.orphaned).reduce((a, b) => a + b, 0);
      if (removed > 0) this.commands.tasksChanged();
    }
    return stats;
  }

  private async removeAll(find: () => Promise<string[]>, signal?: AbortSignal): Promise<number> {
    let removed = 0;
    for (;;) {
      if (signal?.aborted) return removed;
      const ids = await find();
      for (const id of ids) {
        if (!(await this.store.deleteIdleTask(id))) continue;
        await this.ledger.deleteRunsOfTask(id);
        removed += 1;
      }
      if (ids.length < CLEANUP_BATCH) return removed;
    }
  }
}
