import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorBody } from './api-error';

type ErrorKind = 'badRequest' | 'notFound' | 'conflict';

/** Bearer auth plus the 401/403 every protected route can return, and the extra kinds asked for. */
export function ApiProtected(...kinds: ErrorKind[]): MethodDecorator & ClassDecorator {
  const extras = {
    badRequest: ApiBadRequestResponse({
      type: ApiErrorBody,
      description: 'Invalid input; the message names the field.',
    }),
    notFound: ApiNotFoundResponse({ type: ApiErrorBody }),
    conflict: ApiConflictResponse({ type: ApiErrorBody }),
  };
  return applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      type: ApiErrorBody,
      description: 'Missing, invalid or expired token.',
    }),
    ApiForbiddenResponse({
      type: ApiErrorBody,
      description: 'The token role may not call this route.',
    }),
    ...kinds.map((kind) => extras[kind]),
  );
}
