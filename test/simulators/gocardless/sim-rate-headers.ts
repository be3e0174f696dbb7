import type { AccountLimitState } from './sim-account-limits';
import type { ApiLimitState } from './sim-api-limits';

/**
 * The header names as they appear on the wire (§1.6): lower-case, underscored, `http_`-prefixed.
 * RESET is seconds remaining, not a timestamp.
 */
export function apiLimitHeaders(state: ApiLimitState): Record<string, string> {
  return {
    http_x_ratelimit_limit: String(state.limit),
    http_x_ratelimit_remaining: String(state.remaining),
    http_x_ratelimit_reset: String(state.resetSeconds),
  };
}

export function accountLimitHeaders(state: AccountLimitState): Record<string, string> {
  return {
    http_x_ratelimit_account_success_limit: String(state.limit),
    http_x_ratelimit_account_success_remaining: String(state.remaining),
    http_x_ratelimit_account_success_reset: String(state.resetSeconds),
  };
}
