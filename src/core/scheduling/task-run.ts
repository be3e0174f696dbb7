import { LoggerService } from '@nestjs/common';
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
}
