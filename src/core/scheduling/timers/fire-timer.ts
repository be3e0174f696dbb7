import { nextFireAfter, ScheduleSpec } from '../time/next-fire';

/** setTimeout's longest delay; longer waits go in steps. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Calls `onFire` at each fire of an interval or one-time schedule, as the engine's calendar computes
 * them: anchor + k·interval, so ticks never drift off the instants next_run holds, and never early.
 * Each wait is a fresh setTimeout, handed to `onArm` (to keep SchedulerRegistry's entry current);
 * `onArm(null)` when the schedule has no fire left. Clearing the current timeout stops it.
 */
export function startFireTimer(
  spec: Exclude<ScheduleSpec, { kind: 'cron' }>,
  onFire: () => void,
  onArm: (timeout: NodeJS.Timeout | null) => void,
): void {
  const armFor = (fire: number): void => {
    const timeout = setTimeout(
      () => {
        if (Date.now() < fire) return armFor(fire);
        // Fires passed meanwhile (a blocked event loop) are not ticked again: this tick's claim catches them up.
        armNext();
        onFire();
      },
      Math.min(Math.max(0, fire - Date.now()), MAX_TIMER_DELAY_MS),
    );
    onArm(timeout);
  };
  const armNext = (): void => {
    const next = nextFireAfter(spec, new Date());
    if (next) armFor(next.getTime());
    else onArm(null);
  };
  armNext();
}
