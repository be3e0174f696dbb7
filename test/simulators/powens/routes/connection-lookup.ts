import { expireIfDue } from '../sim-expiry';
import { powensError, type SimResult } from '../sim-http';
import type { RouteContext } from '../sim-state';
import type { SimConnection } from '../sim-types';

/** The caller's connection named by the `id` path parameter, or a 404 body. */
export function ownConnection(context: RouteContext): SimConnection | SimResult {
  const connection = context.state.store.connection(Number(context.params.id));
  if (!connection || connection.userId !== context.token.userId) {
    return powensError(404, 'notFound', `Connection ${context.params.id} not found`);
  }
  expireIfDue(connection, context.state.clock.now());
  return connection;
}

export const isConnection = (value: SimConnection | SimResult): value is SimConnection =>
  'connectorUuid' in value;
