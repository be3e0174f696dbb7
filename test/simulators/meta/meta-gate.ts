import {
  bearerToken,
  type SimExchangeRequest,
  type SimExchangeResult,
  type SimRoute,
} from '../shared';
import { graphError } from './meta-errors';
import type { MetaState } from './meta-state';
import { meterCall } from './meta-usage';

/** Around every Graph route: the version in the path, the token (code 190), then the budgets. */
export function runMetaRoute(
  state: MetaState,
  request: SimExchangeRequest,
  route: SimRoute,
  handle: (checked: SimExchangeRequest) => SimExchangeResult,
): SimExchangeResult {
  const version = /^\/(v\d+\.\d+)\//.exec(request.path)?.[1] ?? '';
  if (!state.activeVersions.has(version)) {
    const latest = [...state.activeVersions].sort().at(-1);
    return graphError(
      2635,
      `(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version: ${latest}.`,
    );
  }
  if (route.name === 'oauth.access-token') return handle(request);
  const check = state.tokens.check(
    request.query.get('access_token') ?? bearerToken(request.headers),
  );
  if (!check.ok) return tokenError(check.reason);
  const objectId = /^\/v\d+\.\d+\/([^/]+)\//.exec(request.path)?.[1] ?? '';
  const instagram = route.name === 'ig.media' || state.store.post(objectId)?.kind === 'ig-media';
  const usage = meterCall(state, check.token, instagram ? 'instagram' : 'pages');
  const result = usage.refusal ?? handle({ ...request, token: check.token });
  return { ...result, headers: { ...result.headers, ...usage.headers } };
}

function tokenError(reason: 'missing' | 'unknown' | 'expired' | 'revoked'): SimExchangeResult {
  switch (reason) {
    case 'missing':
      return graphError(
        2500,
        'An active access token must be used to query information about the current user.',
      );
    case 'unknown':
      return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
    case 'expired':
      return graphError(190, 'Error validating access token: Session has expired.', {
        subcode: 463,
      });
    case 'revoked':
      return graphError(
        190,
        'Error validating access token: The session has been invalidated because the user changed their password.',
        { subcode: 460 },
      );
  }
}
