export type LogContext = Readonly<Record<string, unknown>>;

/** The slice of a logger the HTTP client needs; pino, Nest's Logger or a test spy all fit. */
export interface HttpClientLogger {
  debug(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
}

export const silentHttpClientLogger: HttpClientLogger = {
  debug: () => undefined,
  warn: () => undefined,
};
