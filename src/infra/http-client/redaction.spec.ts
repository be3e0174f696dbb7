import { REDACTED, Redactor } from './redaction';

describe('Redactor', () => {
  const redactor = new Redactor(['access']);

  describe('url', () => {
    it('masks sensitive query values and keeps the rest', () => {
      const url = 'https://api.example.com/x?access_token=abc123&pageSize=10&code=XYZ&Password=p';
      const redacted = redactor.url(url);
      expect(redacted).toContain(`access_token=${REDACTED}`);
      expect(redacted).toContain(`code=${REDACTED}`);
      expect(redacted).toContain(`Password=${REDACTED}`);
      expect(redacted).toContain('pageSize=10');
      expect(redacted).not.toMatch(/abc123|XYZ|=p(&|$)/);
    });

    it('masks repeated parameters and user-info passwords', () => {
      const redacted = redactor.url('https://user:hunter2@h.example/?code=1&code=2');
      expect(redacted).not.toContain('hunter2');
      expect(redacted.match(/code=\[REDACTED\]/g)).toHaveLength(2);
    });

    it('falls back to text redaction for unparseable input', () => {
      expect(redactor.url('not a url?client_secret=zzz')).toBe(
        `not a url?client_secret=${REDACTED}`,
      );
    });
  });

  describe('text', () => {
    it('masks form-encoded pairs', () => {
      const body = 'grant_type=authorization_code&code=c0de&client_id=id&client_secret=s3cr3t';
      expect(redactor.text(body)).toBe(
        `grant_type=authorization_code&code=${REDACTED}&client_id=id&client_secret=${REDACTED}`,
      );
    });

    it('masks JSON members, string and numeric, but not look-alike keys', () => {
      const json =
        '{"access_token": "eyJhbGciOi.x.y", "refresh_token":"r\\"t", "code": 123456, ' +
        '"errorCode":"SESSION_EXPIRED", "password":"pw", "access":"gc-token"}';
      const redacted = redactor.text(json);
      expect(redacted).not.toMatch(/eyJhbGciOi|r\\"t|123456|"pw"|gc-token/);
      expect(redacted).toContain('"errorCode":"SESSION_EXPIRED"');
      expect(JSON.parse(redacted)).toMatchObject({ access_token: REDACTED, code: REDACTED });
    });

    it('masks bearer and basic credentials', () => {
      expect(redactor.text('Authorization: Bearer abc.def-ghi_jkl==')).toBe(
        `Authorization: Bearer ${REDACTED}`,
      );
      expect(redactor.text('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
    });

    it('does not touch keys that merely contain a sensitive word', () => {
      expect(redactor.text('postcode=12345&zipcode=1')).toBe('postcode=12345&zipcode=1');
    });
  });

  it('masks credential headers whatever their case', () => {
    expect(
      redactor.headers({ Authorization: 'Bearer x', 'X-Request-ID': 'r1', cookie: 'a=b' }),
    ).toEqual({ Authorization: REDACTED, 'X-Request-ID': 'r1', cookie: REDACTED });
  });

  it('redacts before truncating an excerpt', () => {
    const body = `${'x'.repeat(20)}&client_secret=${'s'.repeat(50)}`;
    const excerpt = redactor.excerpt(body, 30);
    expect(excerpt).not.toContain('sss');
    expect(excerpt.endsWith('…')).toBe(true);
  });
});
