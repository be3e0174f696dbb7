import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './cursor';
import { Page } from './pagination';
import { getFlatEntities } from '../../infra/database/flat-entity-reader';
import { storedInstant } from '../../infra/database/stored-instant';

export interface KeysetOrder<T> {
  /** Database column (a `utcDateTime()` one) the list is ordered by; ties are broken by `id`. */
  column: string;
  direction: 'ASC' | 'DESC';
  instantOf: (row: T) => Date;
}

/**
 * One page of a list ordered by (instant, id), continuing after the cursor's row: stable however
 * many rows arrive meanwhile, and no OFFSET scans.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  limit: number,
  cursor?: string,
): Promise<Page<T>> {
  const alias = query.alias;
  const after = order.direction === 'ASC' ? '>' : '<';
  query
    .orderBy(`${alias}.${order.column}`, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .limit(limit + 1);
  if (cursor) {
    const [at, keysetId] = decodeCursor(cursor, ['instant', 'string']);
    const keysetAt = storedInstant(query.connection, at);
    query.andWhere(
      new Brackets((where) =>
        where
          .where(`${alias}.${order.column} ${after} :keysetAt`, { keysetAt })
          .orWhere(`${alias}.${order.column} = :keysetAt AND ${alias}.id ${after} :keysetId`, {
            keysetId,
          }),
      ),
    );
  }
  const rows = await getFlatEntities(query);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    next_cursor:
      rows.length > limit ? encodeCursor([order.instantOf(last).toISOString(), last.id]) : null,
  };
}
