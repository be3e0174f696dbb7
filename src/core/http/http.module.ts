import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { BodyParserMiddleware } from './body-parser.middleware';
import { createValidationPipe } from './validation.pipe';

@Global()
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    BodyParserMiddleware,
  ],
  exports: [BodyParserMiddleware],
})
export class HttpModule {}
