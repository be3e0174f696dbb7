import jwt from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { validateEnvironment } from '../../config/load-config';
import { TokenService } from './token.service';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('TokenService', () => {
  const tokens = new TokenService(new AppConfig(validateEnvironment({ JWT_SECRET: SECRET })));

  afterEach(() => jest.restoreAllMocks());

  it('verifies with a key made once, not with the secret string jsonwebtoken parses per call', () => {
    const verify = jest.spyOn(jwt, 'verify');
    const token = tokens.sign({ id: 7, role: 'admin' });

    expect(tokens.verify(token)).toEqual({ id: 7, role: 'admin' });
    expect(tokens.verify(token)).toEqual({ id: 7, role: 'admin' });

    const [first, second] = verify.mock.calls.map((call) => call[1]);
    expect(first).toBeInstanceOf(KeyObject);
    expect((first as KeyObject).type).toBe('secret');
    expect(second).toBe(first);
  });

  it('accepts HS256 tokens signed with the secret, and no other', () => {
    const signed = jwt.sign({ role: 'user' }, SECRET, { algorithm: 'HS256', subject: '3' });
    expect(tokens.verify(signed)).toEqual({ id: 3, role: 'user' });
    const forged = jwt.sign({ role: 'admin' }, `${SECRET}-not`, {
      algorithm: 'HS256',
      subject: '1',
    });
    expect(() => tokens.verify(forged)).toThrow('Invalid token');
  });
});
