import { MisfirePolicyName } from './scheduling.types';
import { planMisfires } from './time/misfire';
import { firesBetween, nextFireAfter, ScheduleSpec } from './time/next-fire';

export interface DueFiresInput {
  spec: ScheduleSpec;
  /** The task's stored next_run: the oldest fire not yet handled. */
  nextRun: Date;
  now: Date;
  misfirePolicy: MisfirePolicyName;
  graceSeconds: number;
  /** A fire at most this late is simply on time (dispatch latency, a slow tick). */
  lateToleranceMs: number;
  runAllLimit: number;
  /** Most fires a long outage may surface; older ones are dropped without a row. */
  maxFires: number;
}

export interface DueFires {
  onTime: Date[];
  catchUp: Date[];
  missed: Date[];
  /** Fires beyond `maxFires` that were neither run nor recorded. */
  dropped: boolean;
  /** The task's next_run after this: the first fire after `now`. */
  nextRun: Date | null;
}

/**
 * What to do with a task whose next_run has come: fires within the late tolerance run as scheduled;
 * older ones (after downtime or a stalled event loop) go through the misfire policy. With an on-time
 * fire present, `run_once` coalesces the older ones into it.
 */
export function planDueFires(input: DueFiresInput): DueFires {
  const { spec, nextRun, now } = input;
  if (nextRun > now) return { onTime: [], catchUp: [], missed: [], dropped: false, nextRun };
  const later = firesBetween(spec, nextRun, now, input.maxFires - 1);
  const fires = [nextRun, ...later.fires];
  const following = later.truncated
    ? nextFireAfter(spec, now)
    : nextFireAfter(spec, fires[fires.length - 1]);

  const lateCutoff = now.getTime() - input.lateToleranceMs;
  const onTime = fires.filter((fire) => fire.getTime() >= lateCutoff);
  const late = fires.filter((fire) => fire.getTime() < lateCutoff);
  if (late.length === 0)
    return { onTime, catchUp: [], missed: [], dropped: later.truncated, nextRun: following };

  const coalesceIntoOnTime = onTime.length > 0 && input.misfirePolicy === 'run_once';
  const plan = planMisfires({
    policy: input.misfirePolicy,
    graceSeconds: input.graceSeconds,
    dueFires: late,
    now,
    runAllLimit: input.runAllLimit,
  });
  return {
    onTime,
    catchUp: coalesceIntoOnTime ? [] : plan.run,
    missed: coalesceIntoOnTime ? late : plan.missed,
    dropped: later.truncated,
    nextRun: following,
  };
}
