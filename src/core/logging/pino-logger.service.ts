import { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's LoggerService on top of pino: `new Logger(Context)` calls end up as structured JSON. */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    // Nest passes the context last; for errors a stack string may precede it.
    const context =
      typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack =
      level === 'error' && typeof params[0] === 'string' ? (params.shift() as string) : undefined;
    const bindings: Record<string, unknown> = context ? { context } : {};
    if (stack) bindings.stack = stack;
    if (message instanceof Error) {
      this.pino[level]({ ...bindings, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const text =
        params.length > 0 && typeof params[0] === 'string' ? (params.shift() as string) : undefined;
      this.pino[level]({ ...bindings, ...(message as Record<string, unknown>) }, text);
    } else {
      this.pino[level](bindings, String(message));
    }
  }
}
