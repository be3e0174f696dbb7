import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, DomainErrorKind } from '../errors/domain-error';
import { ApiErrorBody } from './api-error';
import { assignRequestId } from './request-id';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'entity.too.large': 'Request body exceeds the 1 MB limit',
  'encoding.unsupported': 'Request body encoding is not supported',
  'charset.unsupported': 'Request body charset is not supported',
  'request.aborted': 'Request body was aborted',
};

const STATUS_OF_KIND: Record<DomainErrorKind, HttpStatus> = {
  not_found: HttpStatus.NOT_FOUND,
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
};

/** Turns every thrown thing into `{ statusCode, error, message, requestId }`; only bugs become 500s. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = assignRequestId(req, res);
    const { statusCode, message } = this.describe(exception, req);
    if (statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId },
        `Unhandled error on ${req.method} ${req.path}`,
      );
    }
    const body: ApiErrorBody = {
      ...(exception instanceof DomainError ? exception.fields : {}),
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      requestId,
    };
    if (!res.headersSent) res.status(statusCode).json(body);
  }

  private describe(exception: unknown, req: Request): { statusCode: number; message: string } {
    // The Express adapter wraps body-parser errors in an HttpException whose cause is the original.
    const parserError = (
      exception instanceof HttpException ? exception.cause : exception
    ) as BodyParserError;
    if (parserError?.type && parserError.type in BODY_PARSER_MESSAGES && parserError.status) {
      return { statusCode: parserError.status, message: describeBodyError(parserError) };
    }
    if (exception instanceof DomainError) {
      return { statusCode: STATUS_OF_KIND[exception.kind], message: exception.message };
    }
    if (exception instanceof HttpException) {
      const message = messageOf(exception.getResponse());
      return { statusCode: exception.getStatus(), message: routeMissMessage(message, req) };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}

function describeBodyError(error: BodyParserError & { message?: string }): string {
  const summary = BODY_PARSER_MESSAGES[error.type as string];
  return error.type === 'entity.parse.failed' && error.message
    ? `${summary}: ${error.message}`
    : summary;
}

/**
 * Nest's 404 for an unmatched route quotes the URL, whose query string may carry a token: only the
 * path is kept. The root, where a person's browser lands first, says where to go instead.
 */
function routeMissMessage(message: string, req: Request): string {
  if (message !== `Cannot ${req.method} ${req.originalUrl}`) return message;
  const miss = `Cannot ${req.method} ${req.path}`;
  return req.path === '/' ? `${miss}: ${ROOT_HINT}` : miss;
}

const ROOT_HINT = 'the API is under /api/v1; Swagger UI at /docs, health at /health';

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return 'Request failed';
}
