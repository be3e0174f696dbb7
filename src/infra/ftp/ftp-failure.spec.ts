import { FTPError } from 'basic-ftp';
import { classifyFtpFailure } from './ftp-failure';

const reply = (code: number, message: string): FTPError =>
  new FTPError({ code, message } as ConstructorParameters<typeof FTPError>[0]);

describe('classifyFtpFailure', () => {
  it('retries socket failures and basic-ftp timeouts', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:21'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyFtpFailure(refused)).toEqual({
      transient: true,
      reason: 'connect ECONNREFUSED 127.0.0.1:21',
    });
    expect(classifyFtpFailure(new Error('Timeout (control socket)')).transient).toBe(true);
    expect(
      classifyFtpFailure(new Error('Server sent FIN packet unexpectedly, closing connection.'))
        .transient,
    ).toBe(true);
  });

  it('retries 4xx replies but not 5xx ones', () => {
    expect(classifyFtpFailure(reply(421, '421 Too many users')).transient).toBe(true);
    expect(classifyFtpFailure(reply(425, "425 Can't open data connection")).transient).toBe(true);
    expect(classifyFtpFailure(reply(530, '530 Not logged in')).transient).toBe(false);
    expect(classifyFtpFailure(reply(550, '550 No such file')).transient).toBe(false);
  });

  it('does not retry TLS trust failures or anything unknown', () => {
    const untrusted = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(classifyFtpFailure(untrusted).transient).toBe(false);
    expect(classifyFtpFailure('weird').transient).toBe(false);
  });
});
