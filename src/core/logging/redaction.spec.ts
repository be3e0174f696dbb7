import { redactQueryString } from './redaction';

describe('redactQueryString', () => {
  it('censors the values of secret query keys, in any letter case and encoding', () => {
    expect(redactQueryString('/api/v1/users?access_token=eyJhbGci.abc&limit=5')).toBe(
      '/api/v1/users?access_token=[REDACTED]&limit=5',
    );
    expect(redactQueryString('/x?Token=1&API_KEY=2&client%5Fsecret=3&password')).toBe(
      '/x?Token=[REDACTED]&API_KEY=[REDACTED]&client%5Fsecret=[REDACTED]&password=[REDACTED]',
    );
  });

  it('censors the one-time credentials of callbacks: a bank reference, an OAuth code', () => {
    expect(
      redactQueryString(
        '/api/v1/banking/gocardless/callback?ref=Zm9vYmFy&error=UserCancelledSession',
      ),
    ).toBe('/api/v1/banking/gocardless/callback?ref=[REDACTED]&error=UserCancelledSession');
    expect(redactQueryString('/cb?code=abc123&state=s')).toBe('/cb?code=[REDACTED]&state=s');
  });

  it('leaves other URLs and keys alone, even undecodable ones', () => {
    expect(redactQueryString('/api/v1/users')).toBe('/api/v1/users');
    expect(redactQueryString('/api/v1/users?cursor=WzFd&limit=2')).toBe(
      '/api/v1/users?cursor=WzFd&limit=2',
    );
    expect(redactQueryString('/x?%zz=1&tokens=2')).toBe('/x?%zz=1&tokens=2');
  });
});
