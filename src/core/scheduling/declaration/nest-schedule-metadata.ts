import type { CronOptions } from '@nestjs/schedule';

// Where @nestjs/schedule's @Cron and @Interval keep their arguments (its schedule.constants, which
// the package does not export). The spec next to this file applies the real decorators, so an
// upgrade that moves them fails a unit test instead of silently dropping every job.
const SCHEDULER_NAME = 'SCHEDULER_NAME';
const SCHEDULE_CRON_OPTIONS = 'SCHEDULE_CRON_OPTIONS';
const SCHEDULE_INTERVAL_OPTIONS = 'SCHEDULE_INTERVAL_OPTIONS';
/** The provider of ScheduleModule.forRoot()'s options. */
export const SCHEDULE_MODULE_OPTIONS = 'SCHEDULE_MODULE_OPTIONS';

export type NestScheduleDeclaration =
  | { decorator: '@Cron'; cronTime: unknown; options: CronOptions }
  | { decorator: '@Interval'; name: string | undefined; ms: number };

/** The @Cron and @Interval declarations on a method: none, one, or (a mistake) both. */
export function readNestSchedule(method: object): NestScheduleDeclaration[] {
  const found: NestScheduleDeclaration[] = [];
  const cron = Reflect.getMetadata(SCHEDULE_CRON_OPTIONS, method) as
    (CronOptions & { cronTime: unknown }) | undefined;
  if (cron) {
    const { cronTime, ...options } = cron;
    found.push({ decorator: '@Cron', cronTime, options: options as CronOptions });
  }
  const interval = Reflect.getMetadata(SCHEDULE_INTERVAL_OPTIONS, method) as
    { timeout: number } | undefined;
  if (interval) {
    const name = Reflect.getMetadata(SCHEDULER_NAME, method) as string | undefined;
    found.push({ decorator: '@Interval', name, ms: interval.timeout });
  }
  return found;
}
