import { parseScopes } from '../sim-auth';
import { asRecord, isFormEncoded, ok, parseJsonBody, tinkError, type SimResult } from '../sim-http';
import type { RouteContext, RouteDefinition } from '../sim-state';

const formOf = (context: RouteContext): URLSearchParams =>
  new URLSearchParams(context.request.bodyText);
const field = (form: URLSearchParams, name: string): string | undefined =>
  form.get(name) ?? undefined;

function issueToken(context: RouteContext): SimResult {
  if (!isFormEncoded(context.request)) {
    return tinkError(400, 'BAD_REQUEST', 'Expected an application/x-www-form-urlencoded body');
  }
  const form = formOf(context);
  const { auth, counters } = context.state;
  const client = auth.authenticateClient(field(form, 'client_id'), field(form, 'client_secret'));
  if (!client) return tinkError(401, 'INVALID_CLIENT', 'Client authentication failed');

  const grantType = field(form, 'grant_type');
  if (grantType === 'client_credentials') {
    const requested = parseScopes(field(form, 'scope'));
    const disallowed = auth.disallowedScopes(client, requested);
    if (disallowed.length > 0) {
      return tinkError(
        400,
        'INVALID_SCOPE',
        `Scopes not allowed for this client: ${disallowed.join(',')}`,
      );
    }
    const grant = auth.issueClientToken(client, requested);
    counters.clientTokensIssued += 1;
    return ok({
      access_token: grant.accessToken,
      token_type: 'bearer',
      expires_in: grant.expiresInSeconds,
      scope: grant.scopes.join(','),
    });
  }
  if (grantType === 'authorization_code') {
    const redemption = auth.redeemCode(field(form, 'code'), client.clientId);
    if (!redemption.ok) {
      return tinkError(
        400,
        'INVALID_GRANT',
        `Authorization code is ${redemption.reason.replace('_', ' ')}`,
      );
    }
    counters.userTokensIssued += 1;
    // No refresh_token: the current docs issue none; get a new code instead.
    return ok({
      access_token: redemption.grant.accessToken,
      token_type: 'bearer',
      expires_in: redemption.grant.expiresInSeconds,
      scope: redemption.grant.scopes.join(','),
      id_hint: redemption.userId,
    });
  }
  return tinkError(
    400,
    'UNSUPPORTED_GRANT_TYPE',
    `Unsupported grant_type: ${grantType ?? '(none)'}`,
  );
}

function authorizationGrant(context: RouteContext): SimResult {
  if (!isFormEncoded(context.request)) {
    return tinkError(400, 'BAD_REQUEST', 'Expected an application/x-www-form-urlencoded body');
  }
  const form = formOf(context);
  const { store, auth } = context.state;
  const userId = field(form, 'user_id');
  const externalUserId = field(form, 'external_user_id');
  if ((userId === undefined) === (externalUserId === undefined)) {
    return tinkError(400, 'BAD_REQUEST', 'Exactly one of user_id and external_user_id is required');
  }
  const user =
    userId !== undefined ? store.user(userId) : store.userByExternalId(externalUserId ?? '');
  if (!user) return tinkError(404, 'USER_NOT_FOUND', 'User not found');
  const scopes = parseScopes(field(form, 'scope'));
  if (scopes.length === 0) return tinkError(400, 'BAD_REQUEST', 'scope is required');
  const clientId = context.token?.clientId ?? '';
  const client = auth.clientById(clientId);
  const disallowed = client ? auth.disallowedScopes(client, scopes) : scopes;
  if (disallowed.length > 0) {
    return tinkError(
      400,
      'INVALID_SCOPE',
      `Scopes not allowed for this client: ${disallowed.join(',')}`,
    );
  }
  return ok({ code: auth.issueAuthorizationCode(clientId, user.id, scopes) });
}

function createUser(context: RouteContext): SimResult {
  const parsed = parseJsonBody(context.request);
  if (!parsed.ok) return tinkError(400, 'BAD_REQUEST', 'Body is not valid JSON');
  const body = asRecord(parsed.value);
  const { external_user_id: externalUserId, market, locale } = body;
  if (
    typeof externalUserId !== 'string' ||
    typeof market !== 'string' ||
    typeof locale !== 'string'
  ) {
    return tinkError(400, 'BAD_REQUEST', 'external_user_id, market and locale are required');
  }
  const { store } = context.state;
  if (store.userByExternalId(externalUserId)) {
    return tinkError(409, 'USER_ALREADY_EXISTS', 'A user with this external_user_id exists');
  }
  const user = store.addUser({ externalUserId, market, locale });
  return ok({ user_id: user.id, external_user_id: user.externalUserId });
}

export const oauthRoutes: readonly RouteDefinition[] = [
  {
    name: 'oauth.token',
    method: 'POST',
    pattern: /^\/api\/v1\/oauth\/token$/,
    auth: null,
    handle: issueToken,
  },
  {
    name: 'oauth.authorization-grant',
    method: 'POST',
    pattern: /^\/api\/v1\/oauth\/authorization-grant$/,
    auth: { kind: 'client', scope: 'authorization:grant' },
    handle: authorizationGrant,
  },
  {
    name: 'user.create',
    method: 'POST',
    pattern: /^\/api\/v1\/user\/create$/,
    auth: { kind: 'client', scope: 'user:create' },
    handle: createUser,
  },
];
