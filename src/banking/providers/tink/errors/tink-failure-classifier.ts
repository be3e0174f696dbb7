import type { FailureClassifier, HttpClientError } from '../../../../infra/http-client';
import { parseTinkErrorBody } from '../dto/tink-error-body.dto';
import { TINK_OPERATIONS } from '../client/tink-operations.constants';
import {
  TinkBadRequestError,
  TinkClientAuthError,
  TinkMissingScopeError,
  TinkNotFoundError,
  TinkRefreshInProgressError,
  TinkSessionExpiredError,
  TinkTemporaryError,
  TinkTokenRejectedError,
  TinkUserNotFoundError,
} from './tink-api.errors';

const CONSENT_GONE = new Set(['SESSION_EXPIRED', 'AUTHENTICATION_ERROR']);

/**
 * Tink's refinements over the status-code defaults. 429 and 5xx without an error code keep the
 * defaults (rate_limited / retryable).
 */
export const classifyTinkFailure: FailureClassifier = (
  response,
  context,
): HttpClientError | undefined => {
  const { errorCode, errorMessage } = parseTinkErrorBody(response.bodyText);
  const summary = errorMessage
    ? `${errorCode ?? response.status}: ${errorMessage}`
    : String(errorCode ?? response.status);
  const { status } = response;
  const operation = context.operation;

  if (status === 429) return undefined;
  if (errorCode && CONSENT_GONE.has(errorCode)) {
    return new TinkSessionExpiredError(summary, context);
  }
  if (errorCode === 'TEMPORARY_ERROR') return new TinkTemporaryError(summary, context);

  // The token endpoint authenticates the app itself: a refusal there is configuration, not consent.
  const appRejected =
    (operation === TINK_OPERATIONS.clientToken && (status === 400 || status === 401)) ||
    (operation === TINK_OPERATIONS.userToken && status === 401);
  if (appRejected) return new TinkClientAuthError(summary, context);
  if (operation === TINK_OPERATIONS.authorizationGrant && status === 404) {
    return new TinkUserNotFoundError(summary, context);
  }
  if (operation === TINK_OPERATIONS.refreshCredential && status === 409) {
    return new TinkRefreshInProgressError(summary, context);
  }
  if (status === 401) return new TinkTokenRejectedError(summary, context);
  if (status === 403) return new TinkMissingScopeError(summary, context);
  if (status === 404) return new TinkNotFoundError(summary, context);
  if (status === 400) return new TinkBadRequestError(summary, context);
  return undefined;
};
