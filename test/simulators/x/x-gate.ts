import {
  bearerToken,
  type SimExchangeRequest,
  type SimExchangeResult,
  type SimRoute,
} from '../shared';
import { X_RATE_LIMITED, X_UNAUTHORIZED, X_USAGE_CAPPED } from './x-errors';
import type { XState } from './x-state';

/**
 * Around every `/2` data route: the bearer token, the monthly usage cap, then the 15-minute
 * window per user (or app), whose `x-rate-limit-*` headers go on every answer (reset in epoch seconds).
 */
export function runXRoute(
  state: XState,
  request: SimExchangeRequest,
  route: SimRoute,
  handle: (checked: SimExchangeRequest) => SimExchangeResult,
): SimExchangeResult {
  if (route.name === 'oauth2.token') return handle(request);
  const check = state.tokens.check(bearerToken(request.headers));
  if (!check.ok) return X_UNAUTHORIZED();
  if (state.limits.usageCapped) {
    state.counters.rateLimited += 1;
    return X_USAGE_CAPPED();
  }
  const token = check.token;
  const limit = token.kind === 'app' ? state.limits.perAppWindow : state.limits.perUserWindow;
  // X counts per user (or per app), so a refreshed token keeps the window of the one before.
  const take = state.window.take(`${route.name}:${token.kind}:${token.subject}`, limit);
  const headers = {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(0, limit - take.used)),
    'x-rate-limit-reset': String(Math.floor(take.resetAt / 1000)),
  };
  if (!take.allowed) {
    state.counters.rateLimited += 1;
    return { ...X_RATE_LIMITED(), headers };
  }
  const result = handle({ ...request, token });
  return { ...result, headers: { ...result.headers, ...headers } };
}
