import { gcSpacedTimestamp } from './sim-clock';
import type { SimResult } from './sim-http';
import type { DataScope } from './sim-types';

/**
 * GoCardless' error body: `{summary, detail, status_code}` plus `type` where the real API sends
 * one (account data errors). Wording follows the reference where it quotes the wire; the rest is
 * invented in the same style (README lists which).
 */
export function gcError(status: number, summary: string, detail: string, type?: string): SimResult {
  const json: Record<string, unknown> = { summary, detail, status_code: status };
  if (type !== undefined) json.type = type;
  return { status, json };
}

export const missingCredentials = (): SimResult =>
  gcError(
    401,
    'Authentication credentials were not provided.',
    'Authentication credentials were not provided.',
  );

export const invalidToken = (): SimResult =>
  gcError(401, 'Invalid token', 'Token is invalid or expired');

export const authenticationFailed = (): SimResult => ({
  status: 401,
  json: {
    summary: 'Authentication failed',
    detail: 'No active account found with the given credentials',
    status_code: 401,
    type: null,
  },
});

export const fieldRequired = (field: string): SimResult =>
  gcError(400, `${field}: This field is required.`, 'This field is required.');

export const invalidJson = (): SimResult =>
  gcError(400, 'Parse error', 'JSON parse error - the request body is not valid JSON');

export const invalidId = (id: string): SimResult =>
  gcError(400, 'Invalid ID', `${id} is not a valid UUID. `);

export const ipAccessDenied = (ip: string): SimResult =>
  gcError(
    403,
    'IP address access denied',
    `Your IP ${ip} isn't whitelisted to perform this action`,
  );

export const notFound = (): SimResult => gcError(404, 'Not found.', 'Not found.');

export const unknownInstitution = (id: string): SimResult =>
  gcError(
    400,
    `Unknown Institution ID ${id}`,
    'Get Institution IDs from /institutions/?country={$COUNTRY_CODE}',
  );

export const accountNotFound = (id: string): SimResult =>
  gcError(
    404,
    `Account ID ${id} not found`,
    'Please check whether you specified a valid Account ID',
    'AccountNotFoundError',
  );

/** §1.6: the API-level limit, and the "4/day" form the per-account limit also takes. */
export function rateLimitExceeded(
  limit: number,
  period: string,
  retryInSeconds: number,
): SimResult {
  return gcError(
    429,
    'Rate limit exceeded',
    `The rate limit for this resource is ${limit}/${period}. Please try again in ${retryInSeconds} seconds`,
  );
}

/** §1.6: the bank-side 429 (does not add to the suspension count). */
export const institutionRateLimit = (scope: DataScope): SimResult =>
  gcError(
    429,
    `Couldn't update account ${scope}`,
    'Daily request limit set by the Institution has been exceeded.',
    'RateLimitError',
  );

export const unknownRequestError = (scope: DataScope): SimResult =>
  gcError(
    500,
    `Couldn't update account ${scope}`,
    'Request to Institution returned an error',
    'UnknownRequestError',
  );

export const accessExpired = (scope: DataScope): SimResult =>
  gcError(
    401,
    `Couldn't update account ${scope}`,
    'Access has expired or it has been revoked. To restore access reconnect the account.',
    'AccessExpiredError',
  );

export const accountInactive = (scope: DataScope): SimResult =>
  gcError(
    401,
    `Couldn't update account ${scope}`,
    'Account is inactive or has been deactivated by the institution.',
    'AccountInactiveError',
  );

export const serviceError = (scope: DataScope): SimResult =>
  gcError(
    503,
    `Couldn't update account ${scope}`,
    'Institution service unavailable. Please try again later.',
    'ServiceError',
  );

export const accountSuspended = (): SimResult =>
  gcError(
    409,
    'Account suspended',
    'This account or its requisition was suspended due to numerous errors that occurred while accessing it.',
  );

export const accountNotReady = (status: string): SimResult =>
  gcError(
    409,
    'Account state error',
    `Account is ${status}; its data cannot be accessed yet. Please try again later.`,
    'AccountStateError',
  );

export const accessForbidden = (scope: DataScope): SimResult =>
  gcError(
    403,
    'Access to account forbidden',
    `The end user agreement of this account does not grant the '${scope}' access scope.`,
    'AccountAccessForbidden',
  );

export function euaExpired(
  status: 400 | 401,
  agreementId: string,
  validForDays: number,
  expiredAt: number,
): SimResult {
  return gcError(
    status,
    `End User Agreement (EUA) ${agreementId} has expired`,
    `EUA was valid for ${validForDays} days and it expired at ${gcSpacedTimestamp(expiredAt)}. The end user must connect the account once more with new EUA and Requisition`,
  );
}

export const dateRangeError = (detail: string): SimResult =>
  gcError(400, 'Invalid date range', detail, 'DateRangeError');

export const agreementFieldError = (field: string, detail: string): SimResult =>
  gcError(400, `Incorrect ${field}`, detail);
