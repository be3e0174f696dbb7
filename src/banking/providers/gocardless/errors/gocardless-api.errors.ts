import {
  HttpErrorContext,
  HttpErrorOptions,
  NeedsReauthHttpError,
  RateLimitedHttpError,
  TerminalHttpError,
} from '../../../../infra/http-client';
import type { GoCardlessRateHeaders } from '../client/gocardless-rate-headers';

/** The end-user agreement expired or the bank revoked access (400 or 401): the user must reconnect. */
export class GoCardlessConsentExpiredError extends NeedsReauthHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'consent_expired', ...options });
  }
}

/** 401 "Invalid token": the access token died early. Renewed once and retried by the client. */
export class GoCardlessInvalidTokenError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'invalid_token', ...options });
  }
}

/** `/token/new/` refused the secret pair (or the IP): configuration, not consent. */
export class GoCardlessSecretsRejectedError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'secrets_rejected', ...options });
  }
}

/** 409 AccountStateError ("Account suspended") or an account the bank no longer serves. */
export class GoCardlessAccountUnavailableError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'account_unavailable', ...options });
  }
}

/** 400 on an agreement asking for more days than the bank allows. */
export class GoCardlessAgreementRejectedError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'agreement_rejected', ...options });
  }
}

/** Other 4xx (bad id, unknown account, forbidden). */
export class GoCardlessRequestRejectedError extends TerminalHttpError {
  constructor(summary: string, context: HttpErrorContext, options: HttpErrorOptions = {}) {
    super(summary, context, { code: 'request_rejected', ...options });
  }
}

/** 429: `account` when the bank's per-account limit is spent, `api` for GoCardless' own. */
export class GoCardlessRateLimitedError extends RateLimitedHttpError {
  constructor(
    summary: string,
    context: HttpErrorContext,
    readonly limit: 'account' | 'api',
    retryAfterMs: number | undefined,
  ) {
    super(summary, context, { code: `rate_limited_${limit}`, retryAfterMs });
  }
}

/** The rate-limit headers of the failed answer, kept with the error for the budget store. */
const RATE_HEADERS = new WeakMap<object, GoCardlessRateHeaders>();

export function attachRateHeaders<T extends object>(error: T, headers: GoCardlessRateHeaders): T {
  RATE_HEADERS.set(error, headers);
  return error;
}

export function rateHeadersOf(error: unknown): GoCardlessRateHeaders | null {
  return typeof error === 'object' && error !== null ? (RATE_HEADERS.get(error) ?? null) : null;
}
