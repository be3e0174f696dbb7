import { TEMPORARY_SECONDS } from '../sim-auth';
import { asRecord, noContent, ok, parseJsonBody, powensError, type SimResult } from '../sim-http';
import type { RouteContext, RouteDefinition } from '../sim-state';

const invalidClient = (): SimResult =>
  powensError(401, 'forbidden', 'Invalid client_id or client_secret');

function jsonBody(context: RouteContext): Record<string, unknown> | SimResult {
  const parsed = parseJsonBody(context.request);
  if (!parsed.ok) return powensError(400, 'invalidValue', 'The body is not valid JSON');
  return asRecord(parsed.value);
}

const isResult = (value: unknown): value is SimResult =>
  typeof value === 'object' && value !== null && 'status' in value;

/** Client credentials → a new user with a permanent token; none → a 30-minute temporary one. */
function init(context: RouteContext): SimResult {
  const body = jsonBody(context);
  if (isResult(body)) return body;
  const { auth } = context.state;
  const withCredentials = body.client_id !== undefined || body.client_secret !== undefined;
  if (withCredentials && !auth.knowsClient(body.client_id, body.client_secret)) {
    return invalidClient();
  }
  const userId = auth.createUser();
  const token = auth.issueToken(userId, withCredentials ? 'permanent' : 'temporary');
  return ok(
    withCredentials
      ? { auth_token: token.value, type: 'permanent', id_user: userId }
      : {
          auth_token: token.value,
          type: 'temporary',
          id_user: userId,
          expires_in: TEMPORARY_SECONDS,
        },
  );
}

function code(context: RouteContext): SimResult {
  const type = context.request.query.get('type') ?? 'requestAccess';
  if (type !== 'requestAccess' && type !== 'singleAccess') {
    return powensError(400, 'invalidValue', `Unknown code type ${type}`);
  }
  const access = type === 'singleAccess' ? 'single' : 'standard';
  return ok({
    code: context.state.auth.issueCode(context.token.userId, access),
    type: 'temporary',
    access,
    expires_in: TEMPORARY_SECONDS,
  });
}

function exchangeCode(context: RouteContext): SimResult {
  const body = jsonBody(context);
  if (isResult(body)) return body;
  const { auth } = context.state;
  if (body.code === undefined) return powensError(400, 'missingParameter', 'code is required');
  if (!auth.knowsClient(body.client_id, body.client_secret)) return invalidClient();
  if (body.grant_type !== undefined && body.grant_type !== 'authorization_code') {
    return powensError(400, 'invalidValue', 'grant_type must be authorization_code');
  }
  const userId = auth.redeemCode(body.code);
  if (userId === undefined) return powensError(400, 'invalidValue', 'Invalid or expired code');
  return ok({ access_token: auth.issueToken(userId, 'permanent').value, token_type: 'Bearer' });
}

function renew(context: RouteContext): SimResult {
  const body = jsonBody(context);
  if (isResult(body)) return body;
  const { auth } = context.state;
  if (body.grant_type !== 'client_credentials') {
    return powensError(400, 'invalidValue', 'grant_type must be client_credentials');
  }
  if (!auth.knowsClient(body.client_id, body.client_secret)) return invalidClient();
  let userId: number;
  if (body.id_user === undefined) {
    userId = auth.createUser();
  } else if (typeof body.id_user === 'number' && auth.hasUser(body.id_user)) {
    userId = body.id_user;
  } else {
    return powensError(400, 'invalidValue', 'Unknown id_user');
  }
  const token = auth.issueToken(userId, 'permanent');
  if (body.revoke_previous === true) auth.revokeOthers(userId, token.value);
  return ok({ access_token: token.value, token_type: 'Bearer' });
}

function revoke(context: RouteContext): SimResult {
  context.state.auth.revoke(context.token.value);
  return noContent();
}

export const AUTH_ROUTES: readonly RouteDefinition[] = [
  { name: 'auth.init', method: 'POST', pattern: /^\/auth\/init$/, auth: false, handle: init },
  { name: 'auth.code', method: 'GET', pattern: /^\/auth\/token\/code$/, auth: true, handle: code },
  {
    name: 'auth.access',
    method: 'POST',
    pattern: /^\/auth\/token\/access$/,
    auth: false,
    handle: exchangeCode,
  },
  { name: 'auth.renew', method: 'POST', pattern: /^\/auth\/renew$/, auth: false, handle: renew },
  { name: 'auth.revoke', method: 'DELETE', pattern: /^\/auth\/token$/, auth: true, handle: revoke },
];
