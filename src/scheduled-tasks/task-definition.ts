import { ScheduledTaskEntity } from '../core/scheduling/entities/scheduled-task.entity';
import {
  MisfirePolicyName,
  OverlapPolicy,
  ScheduleType,
} from '../core/scheduling/scheduling.types';
import { JsonObject } from '../infra/database/column-types';

/** A task as an operator defines it (API body, CLI, tests); unset fields take their defaults. */
export interface TaskDefinition {
  taskType: string;
  sourceId?: string | null;
  name?: string;
  description?: string | null;
  scheduleType: ScheduleType;
  cron?: string | null;
  intervalSeconds?: number | null;
  runAt?: Date | null;
  timezone?: string;
  enabled?: boolean;
  payload?: JsonObject | null;
  overlapPolicy?: OverlapPolicy;
  misfirePolicy?: MisfirePolicyName;
  misfireGraceSeconds?: number;
  maxRetries?: number;
  retryDelaySeconds?: number;
  timeoutSeconds?: number | null;
}

/** An edit: only the fields present change. */
export type TaskChanges = Partial<TaskDefinition>;

type ScheduleField = 'cron' | 'intervalSeconds' | 'runAt';

/** Each schedule field, the one schedule type that uses it, and its name in the API. */
const SCHEDULE_FIELDS: Record<ScheduleField, { scheduleType: ScheduleType; name: string }> = {
  cron: { scheduleType: 'cron', name: 'cron' },
  intervalSeconds: { scheduleType: 'interval', name: 'interval_seconds' },
  runAt: { scheduleType: 'once', name: 'run_at' },
};

/** A schedule field set for another schedule type: the engine would silently ignore it. */
export function fieldUnusedProblem(fieldName: string, scheduleType: ScheduleType): string {
  return `${fieldName} is only used when schedule_type is ${scheduleType}`;
}

/** The first schedule field that `scheduleType` does not use, or null. */
export function misplacedScheduleField(
  scheduleType: ScheduleType,
  fields: Partial<Pick<TaskDefinition, ScheduleField>>,
): string | null {
  for (const field of Object.keys(SCHEDULE_FIELDS) as ScheduleField[]) {
    const owner = SCHEDULE_FIELDS[field];
    if (
      fields[field] !== undefined &&
      fields[field] !== null &&
      owner.scheduleType !== scheduleType
    )
      return fieldUnusedProblem(owner.name, owner.scheduleType);
  }
  return null;
}

/** Sets the schedule type and its one field (given, or kept from before); clears the others. */
export function applySchedule(
  task: ScheduledTaskEntity,
  definition: TaskChanges & { scheduleType: ScheduleType },
): void {
  task.scheduleType = definition.scheduleType;
  task.cronExpression =
    definition.scheduleType === 'cron' ? (definition.cron ?? task.cronExpression ?? null) : null;
  task.intervalSeconds =
    definition.scheduleType === 'interval'
      ? (definition.intervalSeconds ?? task.intervalSeconds ?? null)
      : null;
  task.runAt = definition.scheduleType === 'once' ? (definition.runAt ?? task.runAt ?? null) : null;
}
