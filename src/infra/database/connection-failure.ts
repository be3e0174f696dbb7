import type { DatabaseTarget } from './database-url';

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  ER_ACCESS_DENIED_ERROR: 'access denied',
  ER_DBACCESS_DENIED_ERROR: 'access to the database denied',
  ER_BAD_DB_ERROR: 'the database does not exist',
  PROTOCOL_CONNECTION_LOST: 'the server closed the connection',
};

/**
 * One line for an operator when the database cannot be reached at boot, naming the server and the
 * cause (never the password); null when the error is not a connection failure.
 */
export function describeConnectionFailure(error: unknown, target: DatabaseTarget): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in CAUSES)) return null;
  if (target.type === 'better-sqlite3') return `cannot open SQLite at ${target.path} (${code})`;
  const url = new URL(target.url);
  const server = `${url.hostname}:${url.port || '3306'}`;
  return `cannot connect to MySQL at ${server} (database ${target.database}): ${CAUSES[code]} (${code})`;
}
