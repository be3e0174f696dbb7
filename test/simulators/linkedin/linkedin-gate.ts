import {
  bearerToken,
  headerValue,
  type SimExchangeRequest,
  type SimExchangeResult,
  type SimRoute,
} from '../shared';
import { THROTTLE_MESSAGE, linkedInError } from './linkedin-errors';
import type { LinkedInState } from './linkedin-state';

const MAX_URL_LENGTH = 8192;
const MAX_QUERY_LENGTH = 4096;

/**
 * Before routing: 414 for an over-long URL, and query tunneling (`POST` with
 * `X-HTTP-Method-Override: GET`, the query string in a form body) turned back into the GET it is.
 */
export function screenLinkedInRequest(
  request: SimExchangeRequest,
): SimExchangeRequest | SimExchangeResult {
  if (request.rawUrlLength > MAX_URL_LENGTH || request.rawQuery.length > MAX_QUERY_LENGTH) {
    return linkedInError(414, 'Request-URI Too Long');
  }
  const override = headerValue(request.headers, 'x-http-method-override');
  if (request.method !== 'POST' || override?.toUpperCase() !== 'GET') return request;
  const contentType = headerValue(request.headers, 'content-type') ?? '';
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return linkedInError(
      400,
      'Tunneled requests need Content-Type application/x-www-form-urlencoded',
    );
  }
  return {
    ...request,
    method: 'GET',
    rawQuery: request.bodyText,
    query: new URLSearchParams(request.bodyText),
    bodyText: '',
  };
}

/** Around every `/rest` route: protocol and version headers, the token, then the daily budgets. */
export function runLinkedInRoute(
  state: LinkedInState,
  request: SimExchangeRequest,
  route: SimRoute,
  handle: (checked: SimExchangeRequest) => SimExchangeResult,
): SimExchangeResult {
  if (!request.path.startsWith('/rest/')) return handle(request);
  const refused = checkHeaders(state, request) ?? checkToken(state, request);
  if (typeof refused !== 'string') return refused;
  return throttle(state, route.name, refused) ?? handle(request);
}

function checkHeaders(
  state: LinkedInState,
  request: SimExchangeRequest,
): SimExchangeResult | undefined {
  if (headerValue(request.headers, 'x-restli-protocol-version') !== '2.0.0') {
    return linkedInError(400, 'X-Restli-Protocol-Version 2.0.0 header is required');
  }
  const version = headerValue(request.headers, 'linkedin-version');
  if (!version) return linkedInError(400, 'LinkedIn-Version header is required');
  if (!/^\d{6}(\.\d{2})?$/.test(version)) {
    return linkedInError(400, `Invalid LinkedIn-Version ${version}; expected YYYYMM`);
  }
  if (!state.activeVersions.has(version)) {
    return linkedInError(426, `Requested version ${version} is not active`, {
      code: 'NONEXISTENT_VERSION',
    });
  }
  return undefined;
}

/** The member the token acts for, or the 401. */
function checkToken(state: LinkedInState, request: SimExchangeRequest): SimExchangeResult | string {
  const check = state.tokens.check(bearerToken(request.headers));
  if (check.ok) return check.token.subject;
  const reason = {
    missing: ['Empty oauth2 access token', 'EMPTY_ACCESS_TOKEN', 65604],
    unknown: ['Invalid access token', 'INVALID_ACCESS_TOKEN', 65600],
    expired: ['The token used in the request has expired', 'EXPIRED_ACCESS_TOKEN', 65601],
    revoked: [
      'The token used in the request has been revoked by the user',
      'REVOKED_ACCESS_TOKEN',
      65602,
    ],
  } as const;
  const [message, code, serviceErrorCode] = reason[check.reason];
  return linkedInError(401, message, { code, serviceErrorCode });
}

/** LinkedIn's 429s carry no rate-limit or Retry-After header: only the body says which kind. */
function throttle(
  state: LinkedInState,
  route: string,
  member: string,
): SimExchangeResult | undefined {
  if (
    state.limits.infrastructureThrottleRate > 0 &&
    state.random() < state.limits.infrastructureThrottleRate
  ) {
    state.counters.infrastructureThrottles += 1;
    return linkedInError(429, 'Too Many Requests: infrastructure protection, retry later');
  }
  const budgets = [
    { scope: 'application', key: `app:${route}`, limit: state.limits.appPerDay },
    { scope: 'member', key: `member:${member}:${route}`, limit: state.limits.memberPerDay },
  ];
  const spent = budgets.find(
    ({ key, limit }) => limit !== null && state.dailyCalls.usedIn(key) >= limit,
  );
  if (!spent) {
    for (const { key, limit } of budgets) state.dailyCalls.take(key, limit);
    return undefined;
  }
  state.counters.dailyThrottles += 1;
  return linkedInError(429, `${THROTTLE_MESSAGE} (${spent.scope} DAY limit)`, {
    serviceErrorCode: 101,
  });
}
