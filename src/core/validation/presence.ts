import { ValidateIf } from 'class-validator';

/** May be left out, but not sent as null (the column has no null). */
export function OptionalButNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
