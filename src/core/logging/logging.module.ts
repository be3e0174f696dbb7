import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createRootLogger } from './logger.factory';
import { PinoLoggerService } from './pino-logger.service';
import { HttpLoggerMiddleware } from './http-logger.middleware';

@Global()
@Module({
  providers: [
    {
      provide: PinoLoggerService,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PinoLoggerService(
          createRootLogger({ level: config.logLevel, pretty: config.isDevelopment }),
        ),
    },
    HttpLoggerMiddleware,
  ],
  exports: [PinoLoggerService, HttpLoggerMiddleware],
})
export class LoggingModule {}
