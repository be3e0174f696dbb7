import type { TaskRun } from '../task-run';

/** What a handler returns for expected outcomes; throwing means the whole run failed (and may retry). */
export interface TaskResult {
  status?: 'completed' | 'failed' | 'skipped';
  message?: string;
  stats?: Record<string, unknown>;
}

/** A task handler: a provider method taking the run (or nothing). */
export type TaskHandlerMethod = (run: TaskRun) => Promise<TaskResult | void>;
