import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { FinsyncExpressAdapter } from './core/http/finsync-express-adapter';
import { answerParserErrorsInErrorShape } from './core/http/parser-errors';
import { mountSwagger } from './core/http/swagger';
import { PinoLoggerService } from './core/logging/pino-logger.service';

export const API_PREFIX = 'api/v1';

/** Builds the app exactly as production runs it; tests and scripts use this too. */
export async function createApp(
  config: AppConfig,
  extraImports: Parameters<typeof AppModule.register>[1] = [],
): Promise<INestApplication> {
  const app = await NestFactory.create(
    AppModule.register(config, extraImports),
    new FinsyncExpressAdapter(),
    {
      bodyParser: false,
      bufferLogs: true,
      // A failed boot is thrown to the caller (main.ts prints one line) instead of Nest logging a
      // stack trace and exiting; the buffered logs go to the app's logger once it is set.
      abortOnError: false,
      autoFlushLogs: false,
    },
  );
  configureApp(app, config);
  return app;
}

export function configureApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(PinoLoggerService));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
    ],
  });
  app.enableShutdownHooks();
  answerParserErrorsInErrorShape(app.getHttpServer());
  if (config.http.apiDocsEnabled) mountSwagger(app);
}
