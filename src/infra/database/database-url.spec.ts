import { resolve } from 'node:path';
import { parseDatabaseUrl, serverUrlOf } from './database-url';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded SQLite file', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({
      type: 'better-sqlite3',
      path: resolve('./data/finsync.sqlite'),
    });
  });

  it('reads sqlite: paths and :memory:', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toEqual({
      type: 'better-sqlite3',
      path: '/tmp/x.sqlite',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({
      type: 'better-sqlite3',
      path: ':memory:',
    });
  });

  it('reads mysql URLs and derives the server URL', () => {
    const target = parseDatabaseUrl('mysql://root:pw@127.0.0.1:3306/finsync');
    expect(target).toEqual({
      type: 'mysql',
      url: 'mysql://root:pw@127.0.0.1:3306/finsync',
      database: 'finsync',
    });
    expect(serverUrlOf(target as Extract<typeof target, { type: 'mysql' }>)).toBe(
      'mysql://root:pw@127.0.0.1:3306/',
    );
  });

  it('rejects a mysql URL without a database', () => {
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1:3306')).toThrow(/must name a database/);
  });
});
