export const SCHEDULE_TYPES = ['cron', 'interval', 'once'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

export const OVERLAP_POLICIES = ['skip', 'buffer_one', 'allow'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export const MISFIRE_POLICIES = ['run_once', 'run_all', 'skip'] as const;
export type MisfirePolicyName = (typeof MISFIRE_POLICIES)[number];

export const RUN_TRIGGERS = ['schedule', 'manual', 'catch_up', 'retry'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** `partial`: the run finished and some of its items failed (see run-items.ts for the rule). */
export const RUN_STATUSES = [
  'running',
  'completed',
  'partial',
  'failed',
  'skipped',
  'missed',
  'timed_out',
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A task's own status: `pending` until its first run, then the outcome of the latest one. */
export const TASK_STATUSES = [
  'pending',
  'running',
  'completed',
  'partial',
  'failed',
  'timed_out',
  'interrupted',
  'skipped',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ORIGINS = ['code', 'api'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];
