import { SetMetadata, Type } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import type { TaskRun } from './task-run';
import { MisfirePolicyName, OverlapPolicy } from './scheduling.types';

export const SCHEDULED_TASK_METADATA = 'finsync:scheduledTask';

/** A value fixed in code, or read from the validated config at boot (e.g. an env-driven interval). */
export type FromConfig<T> = T | ((config: AppConfig) => T);

export interface ScheduledTaskOptions {
  /** `<module>.<verb-noun>`, e.g. `tink.sync-connections`; API-created tasks name it as `task_type`. */
  key: string;
  name?: string;
  description: string;
  /** Default schedule of the code-declared task; omit both for a handler only API tasks use. */
  cron?: FromConfig<string>;
  intervalMs?: FromConfig<number>;
  timeZone?: FromConfig<string>;
  /** Env flag (declared in env.schema.ts) that switches the code-declared task on and off. */
  enabledFlag?: string;
  overlap?: OverlapPolicy;
  misfire?: { policy?: MisfirePolicyName; graceSeconds?: number };
  retry?: { maxRetries?: number; delaySeconds?: number };
  timeoutSeconds?: number;
  /** class-validator DTO the task's JSON payload must satisfy. */
  payload?: Type<object>;
  /** A data sync: API-created tasks of this type may not fire more often than MIN_SYNC_INTERVAL_SECONDS. */
  sync?: boolean;
}

/** What a handler returns for expected outcomes; throwing means the whole run failed (and may retry). */
export interface TaskResult {
  status?: 'completed' | 'failed' | 'skipped';
  message?: string;
  stats?: Record<string, unknown>;
}

export type TaskHandlerMethod = (run: TaskRun) => Promise<TaskResult | void>;

/** Marks a provider method as a task handler; the engine discovers it at boot. */
export const ScheduledTask = (options: ScheduledTaskOptions): MethodDecorator =>
  SetMetadata(SCHEDULED_TASK_METADATA, options);
