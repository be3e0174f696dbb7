import type { ResponseHeaders } from '../../../../infra/http-client';

/** One limit as a response states it: calls allowed, calls left, and seconds until it resets. */
export interface RateLimitState {
  readonly limit: number | null;
  readonly remaining: number | null;
  readonly resetSeconds: number | null;
}

export interface GoCardlessRateHeaders {
  /** The API-level (company-wide, per endpoint) limit. */
  readonly api: RateLimitState | null;
  /** The per-account, per-scope limit of successful calls (account data endpoints only). */
  readonly accountSuccess: RateLimitState | null;
}

/**
 * Reads GoCardless' rate-limit headers in the forms seen on the wire: `http_x_ratelimit_*` and
 * `http_x_ratelimit_account_success_*` (the documented `HTTP_X_RATELIMIT_*`, lower-cased by the
 * client) and `x-ratelimit-*` / `x-ratelimit-account-success-*`, dashes or underscores alike.
 * RESET is seconds remaining, not a timestamp. A value that is not a whole number is ignored.
 */
export function readGoCardlessRateHeaders(headers: ResponseHeaders): GoCardlessRateHeaders {
  const normalized = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name
      .toLowerCase()
      .replace(/-/g, '_')
      .replace(/^http_/, '');
    if (!normalized.has(key)) normalized.set(key, value);
  }
  return {
    api: stateOf(normalized, 'x_ratelimit_'),
    accountSuccess: stateOf(normalized, 'x_ratelimit_account_success_'),
  };
}

function stateOf(headers: Map<string, string>, prefix: string): RateLimitState | null {
  const state = {
    limit: whole(headers.get(`${prefix}limit`)),
    remaining: whole(headers.get(`${prefix}remaining`)),
    resetSeconds: whole(headers.get(`${prefix}reset`)),
  };
  return state.limit === null && state.remaining === null && state.resetSeconds === null
    ? null
    : state;
}

function whole(value: string | undefined): number | null {
  if (value === undefined) return null;
  const first = value.split(',')[0].trim();
  return /^\d+$/.test(first) ? Number(first) : null;
}

/** "… Please try again in 85092 seconds" (the 429 bodies) → ms; `null` when it says no number. */
export function retryAfterFromDetail(detail: string | null): number | null {
  const match = detail ? /try again in (\d+) seconds?/i.exec(detail) : null;
  return match ? Number(match[1]) * 1000 : null;
}
