import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments } from 'class-validator';

/** Ids are INT AUTO_INCREMENT columns: 1 up to 2^31 - 1. */
export const MAX_ID = 2_147_483_647;

const ID_TEXT = /^[1-9]\d{0,9}$/;

export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_ID;
}

export function idProblem(field: string): string {
  return `${field} must be an integer id from 1 to ${MAX_ID}`;
}

/** A path or query segment that spells an id, as a number; null for anything else. */
export function parseIdText(text: unknown): number | null {
  if (typeof text !== 'string' || !ID_TEXT.test(text)) return null;
  const id = Number(text);
  return isId(id) ? id : null;
}

/** A JSON number that can be a row id: `1e21`, `2147483648`, `1.5` and `null` are refused. */
export function IsId(): PropertyDecorator {
  return ValidateBy({
    name: 'isId',
    validator: {
      validate: (value: unknown) => isId(value),
      defaultMessage: (args?: ValidationArguments) => idProblem(args?.property ?? 'id'),
    },
  });
}

/** An id in the query string: decimal digits only (no `1e3`, `0x10` or ` 7`), then `IsId`. */
export function IsIdInQuery(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => parseIdText(value) ?? value),
    IsId(),
  );
}
