import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import pinoHttp, { HttpLogger } from 'pino-http';
import { assignRequestId } from '../http/request-id';
import { PinoLoggerService } from './pino-logger.service';
import { redactQueryString } from './redaction';
import { requestContext } from './request-context';

const QUIET_PATHS = new Set(['/health', '/metrics']);

function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url.split('?')[0];
}

/** Assigns the request id, runs the rest of the request inside its context and writes one access log line. */
@Injectable()
export class HttpLoggerMiddleware implements NestMiddleware {
  private readonly httpLogger: HttpLogger;

  constructor(logger: PinoLoggerService) {
    this.httpLogger = pinoHttp({
      logger: logger.pino,
      genReqId: (req, res) => assignRequestId(req, res),
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactQueryString(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req)) },
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = assignRequestId(req, res);
    requestContext.run({ requestId }, () => this.httpLogger(req, res, next));
  }
}
