import { randomBytes } from 'node:crypto';
import { keyIdOf, parseEncryptionKey, SecretCipher, SecretDecryptionError } from './secret-cipher';

describe('SecretCipher', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const cipher = new SecretCipher(newKey);
    const sealed = cipher.seal('refresh-token-123');
    expect(sealed).not.toContain('refresh-token-123');
    expect(sealed.split(':')[1]).toBe(keyIdOf(newKey));
    expect(cipher.open(sealed)).toBe('refresh-token-123');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new SecretCipher(newKey);
    expect(cipher.seal('same')).not.toBe(cipher.seal('same'));
  });

  it('opens values sealed with a previous key after a rotation, and says they need re-sealing', () => {
    const sealedBefore = new SecretCipher(oldKey).seal('ftp-password');
    const rotated = new SecretCipher(newKey, [oldKey]);
    expect(rotated.open(sealedBefore)).toBe('ftp-password');
    expect(rotated.isSealedWithCurrentKey(sealedBefore)).toBe(false);
    expect(rotated.isSealedWithCurrentKey(rotated.seal('x'))).toBe(true);
  });

  it('rejects tampered values, unknown keys and garbage', () => {
    const cipher = new SecretCipher(newKey);
    const parts = cipher.seal('secret').split(':');
    const flipped = Buffer.from(parts[4], 'base64');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64');
    expect(() => cipher.open(parts.join(':'))).toThrow(
      'Secret failed authentication (tampered or wrong key)',
    );
    expect(() => new SecretCipher(randomBytes(32)).open(cipher.seal('x'))).toThrow(
      SecretDecryptionError,
    );
    expect(() => cipher.open('plain')).toThrow('Not a sealed secret');
  });

  it('parses hex and base64 keys and refuses other lengths', () => {
    expect(parseEncryptionKey(newKey.toString('hex'))).toEqual(newKey);
    expect(parseEncryptionKey(newKey.toString('base64'))).toEqual(newKey);
    expect(() => parseEncryptionKey('abcd')).toThrow('an encryption key must be 32 bytes');
  });
});
