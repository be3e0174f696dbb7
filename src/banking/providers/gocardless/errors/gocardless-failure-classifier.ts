import {
  ServerError,
  type FailureClassifier,
  type HttpClientError,
} from '../../../../infra/http-client';
import { readGoCardlessRateHeaders, retryAfterFromDetail } from '../client/gocardless-rate-headers';
import { GOCARDLESS_OPERATIONS } from '../client/gocardless-operations';
import { parseGoCardlessErrorBody } from '../dto/gocardless-error-body.dto';
import {
  GoCardlessAccountUnavailableError,
  GoCardlessAgreementRejectedError,
  GoCardlessConsentExpiredError,
  GoCardlessInvalidTokenError,
  GoCardlessRateLimitedError,
  GoCardlessRequestRejectedError,
  GoCardlessSecretsRejectedError,
  attachRateHeaders,
} from './gocardless-api.errors';

const EUA_EXPIRED = /end user agreement.*expired|\bEUA\b.*expired/i;
const ACCESS_GONE = /access has expired|has been revoked|reconnect the account/i;
const SUSPENDED = /suspended/i;

/**
 * GoCardless failures by what they mean for a sync. The consent is matched on the body's text,
 * not the status: an expired agreement has come back as 400 and as 401.
 */
export const classifyGoCardlessFailure: FailureClassifier = (response, context) => {
  const { status } = response;
  const body = parseGoCardlessErrorBody(response.bodyText);
  const summary = [body.summary, body.detail].filter(Boolean).join(': ') || String(status);
  const headers = readGoCardlessRateHeaders(response.headers);
  const classified = ((): HttpClientError | undefined => {
    const operation = context.operation;
    if (status === 429) {
      const accountLimit =
        body.type === 'RateLimitError' || /limit set by the institution/i.test(body.detail ?? '');
      const resetMs = accountLimit
        ? headers.accountSuccess?.resetSeconds
        : headers.api?.resetSeconds;
      const retryAfterMs =
        retryAfterFromDetail(body.detail) ??
        (resetMs !== null && resetMs !== undefined ? resetMs * 1000 : undefined) ??
        response.retryAfterMs;
      return new GoCardlessRateLimitedError(
        summary,
        context,
        accountLimit ? 'account' : 'api',
        retryAfterMs ?? undefined,
      );
    }
    if (operation === GOCARDLESS_OPERATIONS.newToken && (status === 401 || status === 403)) {
      return new GoCardlessSecretsRejectedError(summary, context);
    }
    if (status === 401 && /invalid token|token is invalid|expired token/i.test(summary)) {
      return new GoCardlessInvalidTokenError(summary, context);
    }
    const text = `${body.summary ?? ''} ${body.detail ?? ''}`;
    if (
      (status === 400 || status === 401 || status === 403) &&
      (EUA_EXPIRED.test(text) || ACCESS_GONE.test(text) || body.type === 'AccessExpiredError')
    ) {
      return new GoCardlessConsentExpiredError(summary, context);
    }
    if (status === 409 || (status === 401 && body.type === 'AccountInactiveError')) {
      return new GoCardlessAccountUnavailableError(summary, context);
    }
    if (status === 400 && operation === GOCARDLESS_OPERATIONS.createAgreement) {
      return new GoCardlessAgreementRejectedError(summary, context);
    }
    if (status >= 500) return new ServerError(summary, context);
    if (status >= 400) {
      return SUSPENDED.test(text)
        ? new GoCardlessAccountUnavailableError(summary, context)
        : new GoCardlessRequestRejectedError(summary, context);
    }
    return undefined;
  })();
  return classified && attachRateHeaders(classified, headers);
};
