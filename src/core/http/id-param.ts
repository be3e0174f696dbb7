import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { idProblem, MAX_ID, parseIdText } from '../validation/id';

/**
 * The `{name}` path parameter as a row id (decimal digits, 1 to 2^31 - 1); a 400 naming it for
 * anything else. A param decorator of its own, not a pipe: the global ValidationPipe would turn
 * the text into a number first (`1e3` → 1000, `0x10` → 16).
 */
export const IdParam = createParamDecorator(
  (name: string | undefined, context: ExecutionContext) => {
    const field = name ?? 'id';
    const id = parseIdText(context.switchToHttp().getRequest<Request>().params[field]);
    if (id === null) throw new BadRequestException(idProblem(field));
    return id;
  },
);

export const ApiIdParam = (name = 'id'): MethodDecorator =>
  ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: MAX_ID }, example: 1 });
