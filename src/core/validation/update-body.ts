import { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';

/**
 * A PATCH body from a create body: every field may be left out, but a null that is sent is
 * validated like any other value. Nest's plain PartialType skips nulls, so `{"email": null}`
 * would reach the service; fields that may be cleared say so with their own `IsOptional`.
 */
export function UpdateBodyOf<T>(createBody: Type<T>): Type<Partial<T>> {
  return PartialType(createBody, { skipNullProperties: false });
}
