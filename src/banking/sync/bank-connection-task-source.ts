import type { TaskSourceReference } from '../../core/scheduling/declaration/task-options.decorator';

/**
 * For per-connection task types (`source_id` = a bank connection's id):
 * `@TaskOptions({ key: '<provider>.sync-transactions', source: BANK_CONNECTION_TASK_SOURCE, … })`.
 * `scheduler.cleanup-tasks` then deletes the tasks of connections that no longer exist.
 */
export const BANK_CONNECTION_TASK_SOURCE: TaskSourceReference = {
  table: 'bank_connections',
  column: 'id',
};
