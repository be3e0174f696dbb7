import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityTarget } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { Page } from '../../core/http/pagination';
import { ArchivedTransactionEntity } from '../archive/archived-transaction.entity';
import type { ProviderTransactionStatus } from '../sync/bank-sync.types';
import { mergeNewestFirst } from './newest-first';
import { TransactionEntity } from './transaction.entity';

export interface TransactionFilter {
  readonly userId: number;
  readonly accountId?: number;
  /** YYYY-MM-DD, inclusive, on the booking date. */
  readonly from?: string;
  readonly to?: string;
  readonly status?: ProviderTransactionStatus;
  /** Also rows moved to `transactions_archive`. */
  readonly includeArchived?: boolean;
}

/** A listed row and the table it came from. */
export interface ListedTransaction {
  readonly row: TransactionEntity | ArchivedTransactionEntity;
  readonly archived: boolean;
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

/**
 * The caller's transactions, newest booking date first (ties: highest id first), keyset-paged on
 * `(booking_date, id)`. With the archive included, each table yields its own first `limit + 1`
 * rows after the cursor and the merge keeps the first `limit + 1` of both: ids are never reused
 * (an archived row keeps its id and no new row gets it), so the order is total across the two
 * tables and every row appears on exactly one page.
 */
@Injectable()
export class TransactionsQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(
    filter: TransactionFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<ListedTransaction>> {
    const after = cursor ? decodeCursor(cursor, ['day', 'int']) : undefined;
    const live = (await this.rowsOf(TransactionEntity, filter, limit, after)).map((row) => ({
      row,
      archived: false,
    }));
    const archived = filter.includeArchived
      ? (await this.rowsOf(ArchivedTransactionEntity, filter, limit, after)).map((row) => ({
          row,
          archived: true,
        }))
      : [];
    const rows = mergeNewestFirst([live, archived], limit + 1, (item) => item.row);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      next_cursor: rows.length > limit ? encodeCursor([last.row.bookingDate, last.row.id]) : null,
    };
  }

  private rowsOf<T extends TransactionEntity | ArchivedTransactionEntity>(
    entity: EntityTarget<T>,
    filter: TransactionFilter,
    limit: number,
    after?: [string, number],
  ): Promise<T[]> {
    const query = this.dataSource
      .getRepository(entity)
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
    if (after) {
      const [date, id] = after;
      query.andWhere(
        new Brackets((where) =>
          where
            .where('t.booking_date < :date', { date })
            .orWhere('t.booking_date = :date AND t.id < :id', { id }),
        ),
      );
    }
    return query.getMany();
  }
}
