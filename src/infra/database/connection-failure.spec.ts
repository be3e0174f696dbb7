import { describeConnectionFailure } from './connection-failure';
import { parseDatabaseUrl } from './database-url';

const mysql = parseDatabaseUrl('mysql://finsync:hunter2@db.internal/finsync');
const failure = (code: string): Error => Object.assign(new Error(`boom ${code}`), { code });

describe('describeConnectionFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ENOTFOUND', 'host not found'],
    ['ETIMEDOUT', 'connection timed out'],
    ['ER_ACCESS_DENIED_ERROR', 'access denied'],
  ])(
    'names the server, the default port and the cause of %s, never the password',
    (code, cause) => {
      const line = describeConnectionFailure(failure(code), mysql);
      expect(line).toBe(
        `cannot connect to MySQL at db.internal:3306 (database finsync): ${cause} (${code})`,
      );
      expect(line).not.toContain('hunter2');
    },
  );

  it('leaves errors that are not connection failures to the caller', () => {
    expect(describeConnectionFailure(new Error('Invalid configuration'), mysql)).toBeNull();
    expect(describeConnectionFailure(failure('ER_PARSE_ERROR'), mysql)).toBeNull();
  });
});
