import {
  buildMessage,
  isISO8601,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { ScheduleType } from '../../core/scheduling/scheduling.types';
import { fieldUnusedProblem } from '../task-definition';

/** A full date-time with `Z` or an offset; a bare local time would be read in the server's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const ISO_INSTANT_EXAMPLE = '2026-03-28T00:00:00Z';

export function IsIsoInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoInstant',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        ISO_INSTANT.test(value) &&
        isISO8601(value, { strict: true }) &&
        !Number.isNaN(Date.parse(value)),
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must be an ISO 8601 date-time with Z or an offset, e.g. ${ISO_INSTANT_EXAMPLE}`,
      ),
    },
  });
}

/** May be left out, but not sent as null (the column has no null). */
export function OptionalButNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

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
