import { LoggerService } from '@nestjs/common';
import { RunItemReporter } from './run-items';
import { RunTrigger } from './scheduling.types';

/** Everything a handler gets for one execution. */
export interface TaskRun {
  runId: string;
  taskId: string;
  taskType: string;
  sourceId: string | null;
  scheduledFor: Date;
  trigger: RunTrigger;
  attempt: number;
  /** The validated payload (an instance of the handler's payload DTO when it declares one). */
  payload: Record<string, unknown> | null;
  /** Aborted on timeout or shutdown; long handlers must check it between units of work. */
  signal: AbortSignal;
  logger: LoggerService;
  /** Report the items (connections, files, …) as they are processed: counts, progress, failures. */
  items: RunItemReporter;
  /**
   * Set on a retry of a run whose items partly failed: the ids of those failed items, the only
   * ones this attempt should process (items that finished are never processed again). Null: all.
   */
  retryItems: string[] | null;
}
