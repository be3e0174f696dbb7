import { ValidateBy, ValidationArguments } from 'class-validator';
import { ScheduleType } from '../../core/scheduling/scheduling.types';
import { fieldUnusedProblem } from '../task-definition';

/**
 * A schedule field the engine would silently ignore under another schedule_type, when the body
 * names the type; against a stored type, the operator service checks with the same rule.
 */
export function UsedOnlyWithScheduleType(scheduleType: ScheduleType): PropertyDecorator {
  return ValidateBy({
    name: 'usedOnlyWithScheduleType',
    constraints: [scheduleType],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const declared = (args?.object as { schedule_type?: unknown }).schedule_type;
        return value == null || declared === undefined || declared === scheduleType;
      },
      defaultMessage: (args?: ValidationArguments) =>
        fieldUnusedProblem(String(args?.property), scheduleType),
    },
  });
}

/** Rejects the property when `other` is set too. */
export function NotTogetherWith(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'notTogetherWith',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value == null || (args?.object as Record<string, unknown>)[other] == null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} cannot be combined with ${other}`,
    },
  });
}
