import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecretCipher } from '../../../../core/crypto/secret-cipher';
import { GoCardlessAppTokenEntity } from './gocardless-app-token.entity';

export interface GoCardlessTokenPair {
  readonly access: string;
  /** Epoch ms. */
  readonly accessExpiresAt: number;
  readonly refresh: string | null;
  readonly refreshExpiresAt: number | null;
}

/** Where the token pair is kept between calls and instances. */
export interface GoCardlessTokenStore {
  load(): Promise<GoCardlessTokenPair | null>;
  save(pair: GoCardlessTokenPair): Promise<void>;
}

const ROW_ID = 'app';

/** The token pair sealed in `gocardless_app_tokens`, shared by every instance. */
@Injectable()
export class GoCardlessTokenVault implements GoCardlessTokenStore {
  constructor(
    @InjectRepository(GoCardlessAppTokenEntity)
    private readonly rows: Repository<GoCardlessAppTokenEntity>,
    private readonly cipher: SecretCipher,
  ) {}

  async load(): Promise<GoCardlessTokenPair | null> {
    const row = await this.rows.findOneBy({ id: ROW_ID });
    if (!row) return null;
    try {
      const opened = JSON.parse(this.cipher.open(row.sealed)) as {
        access: string;
        refresh: string | null;
      };
      return {
        access: opened.access,
        accessExpiresAt: row.accessExpiresAt.getTime(),
        refresh: opened.refresh,
        refreshExpiresAt: row.refreshExpiresAt?.getTime() ?? null,
      };
    } catch {
      // A key that is gone or a tampered row: mint a new pair rather than fail every sync.
      return null;
    }
  }

  async save(pair: GoCardlessTokenPair): Promise<void> {
    await this.rows.save({
      id: ROW_ID,
      sealed: this.cipher.seal(JSON.stringify({ access: pair.access, refresh: pair.refresh })),
      keyId: this.cipher.currentKeyId,
      accessExpiresAt: new Date(pair.accessExpiresAt),
      refreshExpiresAt: pair.refreshExpiresAt === null ? null : new Date(pair.refreshExpiresAt),
    });
  }
}
