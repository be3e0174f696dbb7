import type { HttpMethod } from './http-client.types';

/**
 * What the caller should do about a failure:
 * - `retryable`: transient; try again later (the client already retried what it could);
 * - `needs_reauth`: the user's consent or token is gone; wait for the user;
 * - `terminal`: a bug, a misconfiguration or a permanent refusal; retrying will not help;
 * - `rate_limited`: the provider asked us to slow down; see `retryAfterMs`.
 */
export type FailureClassification = 'retryable' | 'needs_reauth' | 'terminal' | 'rate_limited';

/** Everything in here is already redacted. */
export interface HttpErrorContext {
  readonly provider: string;
  readonly operation?: string;
  readonly method: HttpMethod;
  readonly url: string;
  readonly status?: number;
  readonly attempts: number;
  /** The provider's request id (`X-Request-ID`), handy in support tickets. */
  readonly requestId?: string;
  readonly bodyExcerpt?: string;
}

export interface HttpErrorOptions {
  readonly code?: string;
  readonly cause?: unknown;
}

export abstract class HttpClientError extends Error {
  abstract readonly classification: FailureClassification;
  readonly code: string;
  readonly context: HttpErrorContext;

  protected constructor(
    summary: string,
    defaultCode: string,
    context: HttpErrorContext,
    options: HttpErrorOptions = {},
  ) {
    super(describe(summary, context), options.cause === undefined ? {} : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? defaultCode;
    this.context = context;
  }

  get status(): number | undefined {
    return this.context.status;
  }
}

function describe(summary: string, context: HttpErrorContext): string {
  const status = context.status === undefined ? '' : ` → ${context.status}`;
  const label = context.operation ? `${context.provider} ${context.operation}` : context.provider;
  const attempts = context.attempts > 1 ? `, ${context.attempts} attempts` : '';
  const body = context.bodyExcerpt ? `: ${context.bodyExcerpt}` : '';
  return `${label}: ${summary} (${context.method} ${context.url}${status}${attempts})${body}`;
}

export class RetryableHttpError extends HttpClientError {
  readonly classification: FailureClassification = 'retryable';

  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, 'retryable', context, options);
  }
}

/** Connection refused/reset, DNS failure, socket hang-up. */
export class NetworkError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'network_error', ...options });
  }
}

export class RequestTimeoutError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'timeout', ...options });
  }
}

export class ServerError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'server_error', ...options });
  }
}

/** A body that is not JSON, or JSON that does not have the documented shape. */
export class MalformedResponseError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'malformed_response', ...options });
  }
}

/** The caller's signal fired (e.g. the task run timed out); never retried by the client. */
export class RequestCancelledError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'cancelled', ...options });
  }
}

export class NeedsReauthHttpError extends HttpClientError {
  readonly classification: FailureClassification = 'needs_reauth';

  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, 'needs_reauth', context, options);
  }
}

export class TerminalHttpError extends HttpClientError {
  readonly classification: FailureClassification = 'terminal';

  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, 'terminal', context, options);
  }
}

export interface RateLimitedErrorOptions extends HttpErrorOptions {
  /** How long the provider asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
}

export class RateLimitedHttpError extends HttpClientError {
  readonly classification: FailureClassification = 'rate_limited';
  readonly retryAfterMs: number | undefined;

  constructor(summary: string, context: HttpErrorContext, options: RateLimitedErrorOptions = {}) {
    super(summary, 'rate_limited', context, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isHttpClientError(error: unknown): error is HttpClientError {
  return error instanceof HttpClientError;
}
