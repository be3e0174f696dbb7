import { expireIfDue } from '../sim-expiry';
import { renderAccount, renderConnection, renderSource } from '../sim-render';
import {
  asRecord,
  flag,
  noContent,
  ok,
  parseJsonBody,
  powensError,
  type SimResult,
} from '../sim-http';
import type { RouteContext, RouteDefinition, SimState } from '../sim-state';
import type { SyncAnswer } from '../sim-sync';
import type { SimConnection } from '../sim-types';
import { isConnection, ownConnection } from './connection-lookup';

const USER = '(?:me|\\d+)';

function expanded(state: SimState, connection: SimConnection, expand: string | null) {
  const rendered = renderConnection(connection);
  const fields = new Set((expand ?? '').split(',').filter(Boolean));
  const accounts = state.store.accountsOfConnection(connection.id);
  if (fields.has('sources')) rendered.sources = [renderSource(connection)];
  if (fields.has('accounts')) {
    rendered.accounts = accounts
      .filter((a) => a.disabled === null && a.deleted === null)
      .map(renderAccount);
  }
  if (fields.has('all_accounts')) rendered.all_accounts = accounts.map(renderAccount);
  return rendered;
}

function list(context: RouteContext): SimResult {
  const { state, request } = context;
  return ok({
    connections: state.store
      .connectionsOf(context.token.userId)
      .map((connection) => {
        expireIfDue(connection, state.clock.now());
        return connection;
      })
      .map((connection) => expanded(state, connection, request.query.get('expand'))),
  });
}

function get(context: RouteContext): SimResult {
  const connection = ownConnection(context);
  if (!isConnection(connection)) return connection;
  return ok(expanded(context.state, connection, context.request.query.get('expand')));
}

const REFUSALS: Record<Exclude<SyncAnswer, 'started'>, string> = {
  connectionLocked: 'A synchronization of this connection is already in progress',
  tooManySync: 'A synchronization of this connection was requested too recently',
};

function startSync(context: RouteContext, connection: SimConnection): SimResult | undefined {
  // `psu_requested` defaults to true: a person is deemed present unless the caller says not.
  const psuRequested = context.request.query.get('psu_requested') !== 'false';
  const answer = context.state.sync.request(connection, psuRequested);
  return answer === 'started' ? undefined : powensError(400, answer, REFUSALS[answer]);
}

/** `PUT …/connections/{id}`: request a sync; the answer comes at once, the sync runs on. */
function requestSync(context: RouteContext): SimResult {
  const connection = ownConnection(context);
  if (!isConnection(connection)) return connection;
  return startSync(context, connection) ?? ok(renderConnection(connection));
}

/**
 * `POST …/connections/{id}`: empty body or `{"resume": "true"}` (clears `decoupled`) syncs;
 * `background` answers at once, otherwise the answer waits for the sync to land.
 */
async function updateOrSync(context: RouteContext): Promise<SimResult> {
  const connection = ownConnection(context);
  if (!isConnection(connection)) return connection;
  const parsed = parseJsonBody(context.request);
  if (!parsed.ok) return powensError(400, 'invalidValue', 'The body is not valid JSON');
  const body = asRecord(parsed.value);
  if (body.resume === true || body.resume === 'true') {
    if (connection.state !== 'decoupled') {
      return powensError(400, 'invalidValue', 'Only a decoupled connection can be resumed');
    }
    connection.state = 'validating';
    context.state.sync.queueOutcome(connection.id, { state: null });
  }
  const refused = startSync(context, connection);
  if (refused) return refused;
  if (!flag(context.request.query, 'background')) {
    while (context.state.sync.isRunning(connection.id)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return ok(renderConnection(connection));
}

function remove(context: RouteContext): SimResult {
  const connection = ownConnection(context);
  if (!isConnection(connection)) return connection;
  context.state.store.deleteConnection(connection.id);
  return noContent();
}

const ONE = new RegExp(`^/users/${USER}/connections/(?<id>\\d+)$`);

export const CONNECTION_ROUTES: readonly RouteDefinition[] = [
  {
    name: 'connections.list',
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}/connections$`),
    auth: true,
    handle: list,
  },
  { name: 'connections.get', method: 'GET', pattern: ONE, auth: true, handle: get },
  { name: 'connections.sync', method: 'PUT', pattern: ONE, auth: true, handle: requestSync },
  { name: 'connections.update', method: 'POST', pattern: ONE, auth: true, handle: updateOrSync },
  { name: 'connections.delete', method: 'DELETE', pattern: ONE, auth: true, handle: remove },
];
