import type { TaskRun } from '../task-run';

/**
 * What a handler returns for expected outcomes; throwing means the whole run failed (and may retry).
 * Items reported through `run.items` decide between `completed`, `partial` and `failed` when the
 * status is `completed` or left out (see `statusFromItems`).
 */
export interface TaskResult {
  status?: 'completed' | 'failed' | 'skipped';
  message?: string;
  stats?: Record<string, unknown>;
  /**
   * The run found nothing to do (e.g. a cleanup that deleted nothing): its row is hidden from the
   * run lists unless they ask for `include_idle=true`.
   */
  idle?: boolean;
}

/** A task handler: a provider method taking the run (or nothing). */
export type TaskHandlerMethod = (run: TaskRun) => Promise<TaskResult | void>;
