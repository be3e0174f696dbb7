import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { Page } from '../../core/http/pagination';
import { decimalText } from '../shared/decimal-text';
import type { ProviderAccount } from '../sync/bank-sync.types';
import { BankAccountEntity } from './bank-account.entity';

export interface AccountUpsertResult {
  /** In the provider's order, with ids. */
  readonly accounts: BankAccountEntity[];
  readonly created: number;
  readonly updated: number;
}

export interface AccountFilter {
  readonly userId: number;
  readonly connectionId?: number;
}

@Injectable()
export class BankAccountsService {
  constructor(
    @InjectRepository(BankAccountEntity) private readonly accounts: Repository<BankAccountEntity>,
  ) {}

  /** Stores the provider's accounts of a connection; rows that did not change are not written. */
  async upsertFromProvider(
    connectionId: number,
    provided: readonly ProviderAccount[],
  ): Promise<AccountUpsertResult> {
    const stored = await this.accounts.find({ where: { connectionId } });
    const byExternalId = new Map(stored.map((account) => [account.externalId, account]));
    const accounts: BankAccountEntity[] = [];
    let created = 0;
    let updated = 0;
    for (const account of provided) {
      const fields = columnsOf(account);
      const existing = byExternalId.get(account.externalId);
      if (!existing) {
        accounts.push(
          await this.accounts.save(
            this.accounts.create({ connectionId, externalId: account.externalId, ...fields }),
          ),
        );
        created += 1;
      } else {
        if (differs(existing, fields)) {
          await this.accounts.update(existing.id, fields);
          Object.assign(existing, fields);
          updated += 1;
        }
        accounts.push(existing);
      }
    }
    return { accounts, created, updated };
  }

  async markTransactionsSynced(accountIds: readonly number[], at: Date): Promise<void> {
    if (accountIds.length > 0) {
      await this.accounts.update({ id: In([...accountIds]) }, { transactionsSyncedAt: at });
    }
  }

  /** The user's accounts, oldest first, each with `connection.provider` loaded. */
  async page(
    filter: AccountFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<BankAccountEntity>> {
    const query = this.accounts
      .createQueryBuilder('a')
      .innerJoin('a.connection', 'c')
      .addSelect(['c.id', 'c.provider'])
      .where('c.user_id = :userId', { userId: filter.userId })
      .orderBy('a.id', 'ASC')
      // Many-to-one join: one row per account, so a plain LIMIT is exact.
      .limit(limit + 1);
    if (filter.connectionId !== undefined) {
      query.andWhere('a.connection_id = :connectionId', { connectionId: filter.connectionId });
    }
    if (cursor) query.andWhere('a.id > :afterId', { afterId: decodeCursor(cursor, ['int'])[0] });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return {
      items,
      next_cursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null,
    };
  }

  /** The account if it belongs to the user; 404 otherwise (whether it exists is not revealed). */
  async requireOwned(accountId: number, userId: number): Promise<BankAccountEntity> {
    const account = await this.accounts
      .createQueryBuilder('a')
      .innerJoin('a.connection', 'c')
      .where('a.id = :accountId AND c.user_id = :userId', { accountId, userId })
      .getOne();
    if (!account) throw new NotFoundException(`Account ${accountId} not found`);
    return account;
  }
}

type AccountColumns = Pick<
  BankAccountEntity,
  'name' | 'iban' | 'type' | 'currency' | 'balance' | 'balanceAt'
>;

function columnsOf(account: ProviderAccount): AccountColumns {
  const iban = account.iban?.toUpperCase() ?? null;
  return {
    name: account.name.slice(0, 200),
    iban: iban && iban.length <= 34 ? iban : null,
    type: account.type,
    currency:
      account.currency && /^[A-Za-z]{3}$/.test(account.currency)
        ? account.currency.toUpperCase()
        : null,
    balance: account.balance,
    balanceAt: account.balanceAt,
  };
}

function differs(stored: BankAccountEntity, next: AccountColumns): boolean {
  return (
    stored.name !== next.name ||
    stored.iban !== next.iban ||
    stored.type !== next.type ||
    stored.currency !== next.currency ||
    (stored.balance === null ? null : decimalText(stored.balance)) !== next.balance ||
    (stored.balanceAt?.getTime() ?? null) !== (next.balanceAt?.getTime() ?? null)
  );
}
