import { bankMessage } from './sim-bank-messages';
import type { SimConnection } from './sim-types';

/**
 * Once `expire` (the sources' access expiry) has passed, the connection needs SCA again: it shows
 * `SCARequired` until the user reconnects through the webview or `/webauth`.
 */
export function expireIfDue(connection: SimConnection, now: number): void {
  if (connection.expire === null || connection.expire > now) return;
  if (connection.state === 'SCARequired') return;
  connection.state = 'SCARequired';
  connection.errorMessage = bankMessage('SCARequired');
}
