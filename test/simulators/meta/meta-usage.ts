import type { AccessToken } from '../shared';
import { THROTTLE_MESSAGES, graphError } from './meta-errors';
import type { MetaState } from './meta-state';
import type { SimExchangeResult } from '../shared';

export interface UsageVerdict {
  /** Usage headers for this answer (none until enough calls were made this hour). */
  readonly headers: Record<string, string>;
  /** The throttling error, when the budget is spent or a throttle was forced. */
  readonly refusal?: SimExchangeResult;
}

/**
 * Counts the call against the budget the token falls under: page tokens against their page's
 * Business Use Case budget, other tokens against the app's platform budget. Usage goes out as
 * JSON percentages; past 100 % the call is refused with HTTP 400 and a throttling code.
 */
export function meterCall(
  state: MetaState,
  token: AccessToken,
  businessType: 'pages' | 'instagram',
): UsageVerdict {
  const business = token.kind === 'page';
  const key = business ? `buc:${token.subject}` : 'app';
  const limit = business ? state.limits.businessCallsPerHour : state.limits.appCallsPerHour;
  const take = state.hourlyCalls.take(key, limit);
  const percent = Math.min(100, Math.round(((take.allowed ? take.used : limit) * 100) / limit));
  const regainMinutes = take.allowed ? 0 : Math.ceil((take.resetAt - state.clock.now()) / 60_000);
  const headers: Record<string, string> = {};
  if (state.hourlyCalls.usedIn(key) >= state.limits.usageHeadersFromCall) {
    const usage = {
      call_count: percent,
      total_time: Math.floor(percent / 2),
      total_cputime: Math.floor(percent / 3),
    };
    if (business) {
      headers['x-business-use-case-usage'] = JSON.stringify({
        [token.subject]: [
          { type: businessType, ...usage, estimated_time_to_regain_access: regainMinutes },
        ],
      });
    } else headers['x-app-usage'] = JSON.stringify(usage);
  }
  const forced = state.forcedThrottles.shift();
  const spentCode = business
    ? businessType === 'instagram'
      ? 80002
      : state.limits.pageThrottleCode
    : 4;
  const code = forced ?? (take.allowed ? undefined : spentCode);
  if (code === undefined) return { headers };
  state.counters.throttled += 1;
  return {
    headers,
    refusal: graphError(code, THROTTLE_MESSAGES[code] ?? `(#${code}) Rate limited`, {
      transient: true,
    }),
  };
}
