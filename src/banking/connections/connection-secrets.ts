import { Injectable } from '@nestjs/common';
import { SecretCipher } from '../../core/crypto/secret-cipher';
import type { ProviderTokens } from '../sync/bank-sync-provider.port';

export interface SealedSecrets {
  readonly sealedSecrets: string;
  readonly secretsKeyId: string;
  readonly tokenExpiresAt: Date | null;
}

interface SecretsDocument {
  accessToken: string;
  refreshToken?: string;
  expiresAt: string | null;
}

/** A connection's tokens as one AES-256-GCM sealed JSON document (key id kept for rotation). */
@Injectable()
export class ConnectionSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  seal(tokens: ProviderTokens): SealedSecrets {
    const document: SecretsDocument = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt?.toISOString() ?? null,
    };
    return {
      sealedSecrets: this.cipher.seal(JSON.stringify(document)),
      secretsKeyId: this.cipher.currentKeyId,
      tokenExpiresAt: tokens.expiresAt,
    };
  }

  /** Throws `SecretDecryptionError` when the key it was sealed with is gone or it was tampered with. */
  open(sealed: string | null): ProviderTokens | null {
    if (!sealed) return null;
    const document = JSON.parse(this.cipher.open(sealed)) as SecretsDocument;
    return {
      accessToken: document.accessToken,
      refreshToken: document.refreshToken,
      expiresAt: document.expiresAt ? new Date(document.expiresAt) : null,
    };
  }
}
