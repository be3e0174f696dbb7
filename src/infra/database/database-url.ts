import { resolve } from 'node:path';

export const DEFAULT_SQLITE_PATH = './data/finsync.sqlite';

export type DatabaseTarget =
  { type: 'mysql'; url: string; database: string } | { type: 'better-sqlite3'; path: string };

/** `mysql://…` → MySQL; unset or `sqlite:<path>` → embedded SQLite file (`sqlite::memory:` for tests). */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url) return { type: 'better-sqlite3', path: resolve(DEFAULT_SQLITE_PATH) };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === ':memory:') return { type: 'better-sqlite3', path };
    return { type: 'better-sqlite3', path: resolve(path || DEFAULT_SQLITE_PATH) };
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:')
    throw new Error('DATABASE_URL must be a mysql:// or sqlite: URL');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database)
    throw new Error('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/finsync');
  return { type: 'mysql', url, database };
}

/** The same URL without the database name, for creating it. */
export function serverUrlOf(target: Extract<DatabaseTarget, { type: 'mysql' }>): string {
  const parsed = new URL(target.url);
  parsed.pathname = '/';
  return parsed.toString();
}
