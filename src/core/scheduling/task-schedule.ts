import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { nextFireAfter, ScheduleSpec } from './time/next-fire';

type ScheduleFields = Pick<
  ScheduledTaskEntity,
  'scheduleType' | 'cronExpression' | 'intervalSeconds' | 'anchorAt' | 'runAt' | 'timezone'
>;

export function scheduleSpecOf(task: ScheduleFields): ScheduleSpec {
  switch (task.scheduleType) {
    case 'cron':
      return { kind: 'cron', expression: task.cronExpression as string, timeZone: task.timezone };
    case 'interval':
      return {
        kind: 'interval',
        intervalMs: (task.intervalSeconds as number) * 1000,
        anchor: task.anchorAt,
      };
    case 'once':
      return { kind: 'once', runAt: task.runAt as Date };
  }
}

/** When the task should fire next after `after`, or null if it cannot fire (disabled, paused, done). */
export function nextRunOf(
  task: ScheduleFields & Pick<ScheduledTaskEntity, 'enabled' | 'paused'>,
  after: Date,
): Date | null {
  if (!task.enabled || task.paused) return null;
  return nextFireAfter(scheduleSpecOf(task), after);
}
