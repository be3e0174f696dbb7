import type { AppConfig } from '../../../config/app-config';
import { isAddressableKey } from './task-key';
import { describeCronProblem } from '../time/cron-expression';
import { isValidTimeZone } from '../time/zoned-time';
import { NestScheduleDeclaration, readNestSchedule } from './nest-schedule-metadata';
import { TASK_OPTIONS_METADATA, TaskOptions } from './task-options.decorator';

/** Matches the task_type and code_key columns. */
const MAX_KEY_LENGTH = 100;

export type DeclaredSchedule =
  | { kind: 'cron'; expression: string; timeZone: string }
  | { kind: 'interval'; intervalSeconds: number };

/** A handler as declared in code, its config-driven parts resolved. */
export interface TaskDeclaration {
  key: string;
  /** `Class.method`, for messages. */
  source: string;
  options: TaskOptions;
  /** The job's default schedule; null for a handler only API-created tasks use. */
  schedule: DeclaredSchedule | null;
  /** Whether the job is on by default (its enabledFlag, else true). */
  enabled: boolean;
}

export interface DeclaringMethod {
  className: string;
  methodName: string;
  method: (...args: never[]) => unknown;
}

export type DeclarationResult =
  | { declaration: TaskDeclaration; problem?: undefined }
  | { declaration?: undefined; problem: string };

/** What to use instead of the @Cron options the engine rejects (it honours name and timeZone). */
const CRON_OPTION_HINTS: Record<string, string> = {
  utcOffset: 'use timeZone',
  disabled: 'use @TaskOptions({ enabledFlag })',
  waitForCompletion: 'use @TaskOptions({ overlap })',
  threshold: 'use @TaskOptions({ misfire })',
  initialDelay: 'the engine starts the job and catches up missed fires itself',
  unrefTimeout: 'the engine owns the timer',
};

/** Settings that only mean something for a job with a default schedule. */
const JOB_ONLY_OPTIONS = [
  'name',
  'scheduleFromConfig',
  'enabledFlag',
  'overlap',
  'misfire',
  'retry',
] as const satisfies readonly (keyof TaskOptions)[];

/**
 * What a method declares with @Cron / @Interval / @TaskOptions, checked as far as boot can check
 * it; null when it declares nothing. A problem names the class, method and key.
 */
export function readTaskDeclaration(
  target: DeclaringMethod,
  config: AppConfig,
): DeclarationResult | null {
  const schedules = readNestSchedule(target.method);
  const options = Reflect.getMetadata(TASK_OPTIONS_METADATA, target.method) as
    TaskOptions | undefined;
  if (schedules.length === 0 && !options) return null;

  const job = schedules[0] as NestScheduleDeclaration | undefined;
  const key = job ? (job.decorator === '@Cron' ? job.options.name : job.name) : options?.key;
  const problems: string[] = [];
  if (schedules.length > 1) problems.push('declares both @Cron and @Interval');
  if (job && key === undefined) {
    problems.push(
      job.decorator === '@Cron'
        ? "@Cron needs a name, the task key: @Cron(expression, { name: '<module>.<job>' })"
        : "@Interval needs a name, the task key: @Interval('<module>.<job>', ms)",
    );
  }
  if (job && options?.key !== undefined)
    problems.push(`@TaskOptions must not set a key: the ${job.decorator} name is the key`);
  if (!job && !options?.key)
    problems.push('declares no key: add @Cron / @Interval with a name, or a key to @TaskOptions');
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH))
    problems.push(`the key must have 1 to ${MAX_KEY_LENGTH} characters`);
  else if (key !== undefined && !isAddressableKey(key))
    problems.push(
      'the key must be letters, digits, ".", "_" and "-" (and not a UUID): the API addresses tasks by it',
    );
  if (target.method.length > 1) {
    problems.push(
      `the handler declares ${target.method.length} parameters; it takes at most one, the TaskRun`,
    );
  }
  if (!job) {
    for (const option of JOB_ONLY_OPTIONS.filter((name) => options?.[name] !== undefined))
      problems.push(`@TaskOptions ${option} needs @Cron or @Interval`);
  }
  if (options?.source) problems.push(...sourceProblems(options.source));
  const schedule = job ? resolveSchedule(job, options, config, problems) : null;
  const enabled = resolveEnabled(options, config, problems);

  const source = `${target.className}.${target.methodName}`;
  if (problems.length > 0)
    return { problem: `${source} (key ${key ?? 'none'}): ${problems.join('; ')}` };
  return {
    declaration: { key: key as string, source, options: options ?? {}, schedule, enabled },
  };
}

const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function sourceProblems(source: { table: string; column: string }): string[] {
  return (['table', 'column'] as const)
    .filter((part) => !SQL_IDENTIFIER.test(String(source[part])))
    .map((part) => `@TaskOptions source ${part} must be a plain SQL identifier`);
}

function resolveSchedule(
  job: NestScheduleDeclaration,
  options: TaskOptions | undefined,
  config: AppConfig,
  problems: string[],
): DeclaredSchedule | null {
  let fromConfig: ReturnType<NonNullable<TaskOptions['scheduleFromConfig']>> | undefined;
  try {
    fromConfig = options?.scheduleFromConfig?.(config);
  } catch (error) {
    problems.push(`scheduleFromConfig failed: ${(error as Error).message}`);
  }
  if (job.decorator === '@Cron') {
    for (const [option, value] of Object.entries(job.options)) {
      if (option === 'name' || option === 'timeZone' || value === undefined) continue;
      problems.push(
        `@Cron option ${option} is not supported (${CRON_OPTION_HINTS[option] ?? 'the engine owns the timer'})`,
      );
    }
    if (fromConfig && !('cron' in fromConfig))
      problems.push('scheduleFromConfig must return { cron } for a @Cron job');
    const cronFromConfig = fromConfig && 'cron' in fromConfig ? fromConfig : undefined;
    const expression = cronFromConfig?.cron ?? job.cronTime;
    const timeZone = cronFromConfig?.timeZone ?? job.options.timeZone ?? 'UTC';
    if (typeof expression !== 'string') {
      problems.push('the @Cron time must be a cron expression (a Date is not supported)');
      return null;
    }
    const cronProblem = describeCronProblem(expression);
    if (cronProblem) problems.push(`cron expression "${expression}" is rejected: ${cronProblem}`);
    if (!isValidTimeZone(timeZone)) problems.push(`${timeZone} is not an IANA time zone`);
    return { kind: 'cron', expression, timeZone };
  }
  if (fromConfig && !('intervalMs' in fromConfig))
    problems.push('scheduleFromConfig must return { intervalMs } for an @Interval job');
  const ms = fromConfig && 'intervalMs' in fromConfig ? fromConfig.intervalMs : job.ms;
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms % 1000 !== 0) {
    problems.push(`the interval must be a whole number of seconds, at least 1 s (got ${ms} ms)`);
    return null;
  }
  return { kind: 'interval', intervalSeconds: ms / 1000 };
}

function resolveEnabled(
  options: TaskOptions | undefined,
  config: AppConfig,
  problems: string[],
): boolean {
  if (!options?.enabledFlag) return true;
  try {
    return config.featureFlag(options.enabledFlag);
  } catch (error) {
    problems.push((error as Error).message);
    return false;
  }
}
