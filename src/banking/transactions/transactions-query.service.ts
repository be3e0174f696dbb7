import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { Page } from '../../core/http/pagination';
import type { ProviderTransactionStatus } from '../sync/bank-sync.types';
import { TransactionEntity } from './transaction.entity';

export interface TransactionFilter {
  readonly userId: number;
  readonly accountId?: number;
  /** YYYY-MM-DD, inclusive, on the booking date. */
  readonly from?: string;
  readonly to?: string;
  readonly status?: ProviderTransactionStatus;
}

/** Every column but `raw` (lists never return it). */
const LISTED_COLUMNS = [
  'id',
  'accountId',
  'providerTxKey',
  'status',
  'bookingDate',
  'valueDate',
  'amount',
  'currency',
  'description',
  'originalDescription',
  'counterparty',
  'categoryId',
  'category',
  'createdAt',
  'updatedAt',
].map((property) => `t.${property}`);

@Injectable()
export class TransactionsQueryService {
  constructor(
    @InjectRepository(TransactionEntity)
    private readonly transactions: Repository<TransactionEntity>,
  ) {}

  /** Newest booking date first (ties: newest row first). */
  async page(
    filter: TransactionFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<TransactionEntity>> {
    const query = this.transactions
      .createQueryBuilder('t')
      .select(LISTED_COLUMNS)
      .innerJoin('t.account', 'a')
      .innerJoin('a.connection', 'c')
      .where('c.user_id = :userId', { userId: filter.userId })
      .orderBy('t.booking_date', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit + 1);
    if (filter.accountId !== undefined) {
      query.andWhere('t.account_id = :accountId', { accountId: filter.accountId });
    }
    if (filter.from) query.andWhere('t.booking_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('t.booking_date <= :to', { to: filter.to });
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (cursor) {
      const [date, id] = decodeCursor(cursor, ['day', 'int']);
      query.andWhere(
        new Brackets((where) =>
          where
            .where('t.booking_date < :date', { date })
            .orWhere('t.booking_date = :date AND t.id < :id', { id }),
        ),
      );
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      next_cursor: rows.length > limit ? encodeCursor([last.bookingDate, last.id]) : null,
    };
  }
}
