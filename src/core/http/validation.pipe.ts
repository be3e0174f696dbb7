import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '../errors/validation-problems';

/** Whitelist, reject unknown fields, transform; the 400 names every offending field by its path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      new BadRequestException(flattenValidationErrors(errors).join('; ')),
  });
}
