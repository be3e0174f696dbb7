import { SetMetadata, Type } from '@nestjs/common';
import type { AppConfig } from '../../../config/app-config';
import type { MisfirePolicyName, OverlapPolicy } from '../scheduling.types';
import type { TaskHandlerMethod } from './task-handler';

export const TASK_OPTIONS_METADATA = 'finsync:taskOptions';

/**
 * A job's schedule read from the validated config at boot. It replaces the expression and zone of
 * the job's @Cron, or the period of its @Interval.
 */
export type ScheduleFromConfig = (
  config: AppConfig,
) => { cron: string; timeZone?: string } | { intervalMs: number };

/**
 * The row a task's `source_id` names: tasks of the type whose row is gone are deleted by
 * `scheduler.cleanup-tasks`. Plain SQL identifiers (checked at boot).
 */
export interface TaskSourceReference {
  readonly table: string;
  readonly column: string;
}

export interface TaskOptions {
  /**
   * `<module>.<verb-noun>`, only on a handler without @Cron/@Interval: API-created tasks name it as
   * their `task_type`. A job's key is its @Cron `name` or @Interval name.
   */
  key?: string;
  /** Display name of the job's task (default: the key). */
  name?: string;
  description?: string;
  scheduleFromConfig?: ScheduleFromConfig;
  /** Env flag (declared in env.schema.ts) that switches the job on and off. */
  enabledFlag?: string;
  overlap?: OverlapPolicy;
  misfire?: { policy?: MisfirePolicyName; graceSeconds?: number };
  retry?: { maxRetries?: number; delaySeconds?: number };
  /** Runs longer than this are aborted; a task's own timeout_seconds takes precedence. */
  timeoutSeconds?: number;
  /** class-validator DTO the task's JSON payload must satisfy. */
  payload?: Type<object>;
  /**
   * A data sync (a job that pulls from an outside system; not housekeeping): tasks of this type,
   * created or edited through the API, may not fire more often than MIN_SYNC_INTERVAL_SECONDS.
   */
  sync?: boolean;
  /**
   * What `source_id` of tasks of this type references (e.g. a bank connection's id): the weekly
   * task cleanup deletes API-created tasks whose source row no longer exists.
   */
  source?: TaskSourceReference;
  /**
   * How the boot log names the job: `<logLabel> scheduled: every 6 hours` (default: its name).
   */
  logLabel?: string;
  /**
   * The settings the job needs that are unset (e.g. `['TINK_CLIENT_ID', 'TINK_CLIENT_SECRET']`);
   * when the job is enabled and this names any, the boot warns once, naming them.
   */
  missingSettings?: (config: AppConfig) => string[];
}

/**
 * Next to `@Cron(expression, { name, timeZone })` or `@Interval(name, ms)`: what those cannot say
 * about the job (policies, description, payload, a schedule from config). On its own, with a `key`:
 * a handler only API-created tasks use.
 */
export function TaskOptions(options: TaskOptions) {
  return <T extends TaskHandlerMethod>(
    target: object,
    method: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(TASK_OPTIONS_METADATA, options)(target, method, descriptor);
  };
}
