import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT_VERSION = 'v1';
const IV_BYTES = 12;

export class SecretDecryptionError extends Error {}

/**
 * AES-256-GCM for secrets at rest. A sealed value names the key it was sealed with
 * (`v1:<keyId>:<iv>:<tag>:<ciphertext>`), so old keys can keep opening old values after a rotation.
 */
export class SecretCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new Error('Encryption keys must be 32 bytes');
      this.byId.set(keyIdOf(key), key);
    }
    this.current = { id: keyIdOf(currentKey), key: currentKey };
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      FORMAT_VERSION,
      this.current.id,
      iv.toString('base64'),
      tag.toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split(':');
    if (version !== FORMAT_VERSION || ciphertext === undefined)
      throw new SecretDecryptionError('Not a sealed secret');
    const key = this.byId.get(keyId);
    if (!key) throw new SecretDecryptionError(`Secret was sealed with unknown key ${keyId}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('Secret failed authentication (tampered or wrong key)');
    }
  }

  /** Whether a value should be re-sealed under the current key. */
  isSealedWithCurrentKey(sealed: string): boolean {
    return sealed.split(':')[1] === this.current.id;
  }
}

/** Public, non-secret key identifier: the first 8 hex digits of the key's SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A key from config: 64 hex characters or base64 of 32 bytes. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new Error('an encryption key must be 32 bytes, as 64 hex characters or base64');
  return key;
}
