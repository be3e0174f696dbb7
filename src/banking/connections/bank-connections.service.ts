import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, Not, Repository } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { Page } from '../../core/http/pagination';
import {
  BankProviderRegistry,
  UnknownBankProviderError,
} from '../sync/bank-provider-registry.service';
import type { ProviderTokens } from '../sync/bank-sync-provider.port';
import type { BankProvider } from '../sync/bank-sync.types';
import { BankConnectionEntity } from './bank-connection.entity';
import { ConnectionSecrets } from './connection-secrets';

export interface NewConnection {
  readonly userId: number;
  readonly provider: BankProvider;
  readonly providerUserId: string | null;
  readonly externalId: string;
  readonly institutionName?: string | null;
  readonly tokens?: ProviderTokens | null;
}

@Injectable()
export class BankConnectionsService {
  constructor(
    @InjectRepository(BankConnectionEntity)
    private readonly connections: Repository<BankConnectionEntity>,
    private readonly secrets: ConnectionSecrets,
    private readonly providers: BankProviderRegistry,
  ) {}

  /** Throws `UnknownBankProviderError` unless the provider is registered. */
  async create(input: NewConnection): Promise<BankConnectionEntity> {
    if (!this.providers.find(input.provider)) throw new UnknownBankProviderError(input.provider);
    return this.connections.save(
      this.connections.create({
        userId: input.userId,
        provider: input.provider,
        providerUserId: input.providerUserId,
        externalId: input.externalId,
        institutionName: input.institutionName ?? null,
        ...(input.tokens ? this.secrets.seal(input.tokens) : {}),
      }),
    );
  }

  /** Connections a scheduled run considers (active or failing), with their users. */
  listForScheduledSync(provider: BankProvider): Promise<BankConnectionEntity[]> {
    return this.connections.find({
      where: { provider, status: In(['active', 'error']) },
      relations: { user: true },
      order: { id: 'ASC' },
    });
  }

  findWithUser(id: number): Promise<BankConnectionEntity | null> {
    return this.connections.findOne({ where: { id }, relations: { user: true } });
  }

  /** Marks a connection disconnected (its data stays); false when it is not the user's. */
  async disconnect(id: number, userId: number): Promise<boolean> {
    const result = await this.connections.update(
      { id, userId },
      { status: 'disconnected', nextAttemptAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Records a consent's expiry (and `needs_reauth` once it has ended) from a health check. */
  async recordConsent(
    id: number,
    consentExpiresAt: Date | null,
    status?: 'needs_reauth',
    lastError?: string,
  ): Promise<void> {
    await this.connections.update(id, {
      consentExpiresAt,
      ...(status ? { status, nextAttemptAt: null } : {}),
      ...(lastError ? { lastError } : {}),
    });
  }

  /** A user's connections at a provider (all but disconnected ones). */
  listForUser(userId: number, provider: BankProvider): Promise<BankConnectionEntity[]> {
    return this.connections.find({
      where: { userId, provider, status: Not('disconnected') },
      order: { id: 'ASC' },
    });
  }

  async page(userId: number, limit: number, cursor?: string): Promise<Page<BankConnectionEntity>> {
    const [afterId] = cursor ? decodeCursor(cursor, ['int']) : [0];
    const rows = await this.connections.find({
      where: { userId, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    return {
      items,
      next_cursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null,
    };
  }

  openTokens(connection: BankConnectionEntity): ProviderTokens | null {
    return this.secrets.open(connection.sealedSecrets);
  }
}
