import { CronTime } from 'cron';
import { nextFireAfter, ScheduleSpec } from '../time/next-fire';

/** setTimeout's longest delay; a CronJob waits longer in steps of it. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * The time source of a code-declared task's CronJob. The job ticks at the fires of the engine's
 * calendar, the same instants a task's next_run holds, rather than at the `cron` library's own
 * computation, which can disagree around daylight-saving changes (a tick without a due fire, or a
 * fire without a tick). `source` stays the expression, so the job reads as usual.
 */
export class EngineCronTime extends CronTime {
  constructor(private readonly spec: Extract<ScheduleSpec, { kind: 'cron' }>) {
    super(spec.expression, spec.timeZone);
  }

  override getTimeout(): number {
    const now = Date.now();
    const next = nextFireAfter(this.spec, new Date(now));
    return next ? next.getTime() - now : MAX_TIMER_DELAY_MS;
  }
}
