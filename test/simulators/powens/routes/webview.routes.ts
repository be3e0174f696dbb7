import { powensError, redirect, type SimResult } from '../sim-http';
import type { RouteContext, RouteDefinition, SimState } from '../sim-state';
import { CONSENT_DAYS } from '../sim-store';
import type { SimConnection } from '../sim-types';

const unknownClient = (): SimResult => powensError(400, 'invalidValue', 'Unknown client_id');

/** Adds query parameters to the caller's `redirect_uri`. */
function callback(redirectUri: string, params: Record<string, string | undefined>): SimResult {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  return redirect(target.toString());
}

/** The connection lands already synced, as after a real webview session. */
function connectOnTestConnector(state: SimState, userId: number): SimConnection {
  const { store, clock, webview } = state;
  const connection = store.addConnection(userId);
  for (let index = 0; index < webview.accountsPerConnection; index++) {
    const account = store.addAccount(connection.id);
    store.addTransactions(account.id, webview.transactionsPerAccount);
  }
  connection.lastUpdate = clock.now();
  state.announceSynced(connection);
  return connection;
}

/**
 * Webview stub: `/{lang}/connect?client_id&redirect_uri&code&state`. The temporary code names the
 * user; the redirect carries `connection_id` (and `id_connection`), or `error=access_denied`.
 */
function webviewConnect(context: RouteContext): SimResult {
  const { query } = context.request;
  const { state } = context;
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !query.get('client_id')) {
    return powensError(400, 'missingParameter', 'client_id and redirect_uri are required');
  }
  if (!state.auth.knowsClientId(query.get('client_id'))) return unknownClient();
  const userId = state.auth.redeemCode(query.get('code'));
  if (userId === undefined) return powensError(401, 'forbidden', 'Invalid or expired code');
  const userState = query.get('state') ?? undefined;
  if (state.webview.outcome === 'access_denied') {
    return callback(redirectUri, {
      error: 'access_denied',
      error_description: 'The user cancelled the connection',
      state: userState,
    });
  }
  const connection = connectOnTestConnector(state, userId);
  const id = String(connection.id);
  return callback(redirectUri, { connection_id: id, id_connection: id, state: userState });
}

/** `/webauth`: reconnects `id_connection` (its state clears) or creates a connection. */
function webauth(context: RouteContext): SimResult {
  const { query } = context.request;
  const { state } = context;
  const redirectUri = query.get('redirect_uri');
  const token = query.get('token');
  if (!redirectUri || !token || !query.get('client_id')) {
    return powensError(400, 'missingParameter', 'client_id, token and redirect_uri are required');
  }
  if (!state.auth.knowsClientId(query.get('client_id'))) return unknownClient();
  const check = state.auth.check(`Bearer ${token}`);
  const userId = check.ok ? check.token.userId : state.auth.redeemCode(token);
  if (userId === undefined) return powensError(401, 'forbidden', 'Invalid or expired token');
  const userState = query.get('state') ?? undefined;
  if (state.webview.outcome === 'access_denied') {
    return callback(redirectUri, { error: 'access_denied', state: userState });
  }
  const existing = query.get('id_connection');
  if (existing === null) {
    const connection = connectOnTestConnector(state, userId);
    return callback(redirectUri, { id_connection: String(connection.id), state: userState });
  }
  const connection = state.store.connection(Number(existing));
  if (!connection || connection.userId !== userId) {
    return powensError(404, 'notFound', `Connection ${existing} not found`);
  }
  connection.state = null;
  connection.errorMessage = null;
  connection.lastUpdate = state.clock.now();
  connection.expire = state.clock.now() + CONSENT_DAYS * 86_400_000;
  state.announceSynced(connection);
  return callback(redirectUri, { id_connection: existing, state: userState });
}

/** Outside `/2.0`: the webview's own host in production. */
export const WEBVIEW_ROUTES: readonly RouteDefinition[] = [
  {
    name: 'webview.connect',
    method: 'GET',
    pattern: /^\/webview\/(?<lang>[a-z]{2})\/connect$/,
    auth: false,
    handle: webviewConnect,
  },
];

export const WEBAUTH_ROUTES: readonly RouteDefinition[] = [
  { name: 'webauth', method: 'GET', pattern: /^\/webauth$/, auth: false, handle: webauth },
];
