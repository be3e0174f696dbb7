import {
  HttpErrorContext,
  HttpErrorOptions,
  MalformedResponseError,
  NeedsReauthHttpError,
  RetryableHttpError,
  TerminalHttpError,
} from '../../../../infra/http-client';

/** The credential's consent is gone (SESSION_EXPIRED / AUTHENTICATION_ERROR): the user must act. */
export class TinkSessionExpiredError extends NeedsReauthHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'session_expired', ...options });
  }
}

/** 401 on a user or client token; the client renews the token once before giving up. */
export class TinkTokenRejectedError extends NeedsReauthHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'token_rejected', ...options });
  }
}

/** The Tink user behind a connection no longer exists; the connection must be made again. */
export class TinkUserNotFoundError extends NeedsReauthHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'user_not_found', ...options });
  }
}

/** Wrong client id/secret or a scope the app may not request: a configuration problem. */
export class TinkClientAuthError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'client_auth_failed', ...options });
  }
}

export class TinkMissingScopeError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'missing_scope', ...options });
  }
}

export class TinkNotFoundError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'not_found', ...options });
  }
}

export class TinkBadRequestError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'bad_request', ...options });
  }
}

/** Tink (or the bank behind it) reported TEMPORARY_ERROR. */
export class TinkTemporaryError extends RetryableHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'temporary_error', ...options });
  }
}

/**
 * Only one on-demand refresh per credential may run. An answer rather than a failure: repeating
 * the request cannot change it, so the client does not; the refresher follows the running refresh.
 */
export class TinkRefreshInProgressError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'refresh_in_progress', ...options });
  }
}

/** The server handed out a page token it had already given, or pages never ended. */
export class TinkPaginationError extends MalformedResponseError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'pagination_loop', ...options });
  }
}
