import { supportsSkipLocked } from './row-locking';

describe('supportsSkipLocked', () => {
  it.each([
    ['mysql', '8.0.36', true],
    ['mysql', '8.0.1', true],
    ['mysql', '8.0.0', false],
    ['mysql', '5.7.44-log', false],
    ['mariadb', '10.11.19-MariaDB-0+deb12u1', true],
    ['mariadb', '10.6.0-MariaDB', true],
    ['mariadb', '10.5.27-MariaDB', false],
    ['mariadb', '11.4.2-MariaDB', true],
    ['better-sqlite3', '3.45.0', false],
  ])('%s %s → %p', (type, version, expected) => {
    expect(supportsSkipLocked({ options: { type }, version })).toBe(expected);
  });

  it('says no while the version is unknown', () => {
    expect(supportsSkipLocked({ options: { type: 'mysql' } })).toBe(false);
  });
});
