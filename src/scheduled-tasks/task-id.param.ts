import { applyDecorators, BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

const parseTaskId = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id must be a UUID'),
});

/** The `{id}` path segment, 400 unless it is a UUID. */
export const TaskIdParam = (): ParameterDecorator => Param('id', parseTaskId);

export const ApiTaskIdParam = (): MethodDecorator =>
  applyDecorators(
    ApiParam({
      name: 'id',
      format: 'uuid',
      example: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93',
      description: 'Task id',
    }),
  );
