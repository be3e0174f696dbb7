import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) && path !== error.property
        ? `${path}${text.slice(error.property.length)}`
        : text,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
