import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { JsonObject } from '../../infra/database/column-types';
import { flattenValidationErrors } from '../errors/validation-problems';

export interface PayloadCheck {
  /** What the handler gets: an instance of its payload DTO, or the stored JSON when it has none. */
  payload: Record<string, unknown> | null;
  /** Every problem, naming the field (`sleep_ms must not be less than 0`); empty when valid. */
  problems: string[];
}

/**
 * A task's payload against its handler's payload DTO (unknown fields are problems too). The one
 * check of payloads: operators' edits are refused with these problems, and a run whose stored
 * payload no longer passes fails with them.
 */
export async function checkTaskPayload(
  dto: Type<object> | undefined,
  payload: JsonObject | null,
): Promise<PayloadCheck> {
  if (!dto) return { payload, problems: [] };
  const instance = plainToInstance(dto, payload ?? {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return {
    payload: instance as Record<string, unknown>,
    problems: flattenValidationErrors(errors),
  };
}
