import type { SimTransaction, TransactionStatus } from './sim-types';

export interface TransactionQuery {
  /** Each account's rows, newest first (booked date desc, id desc). */
  readonly accounts: readonly (readonly SimTransaction[])[];
  readonly statuses?: ReadonlySet<TransactionStatus>;
  readonly bookedDateGte?: string;
  readonly bookedDateLte?: string;
  /** Sort key [bookedDate, id] of the last row already served. */
  readonly after?: readonly [string, string];
  readonly pageSize: number;
}

export interface TransactionPage {
  readonly rows: SimTransaction[];
  readonly hasMore: boolean;
}

/** `a` sorts before `b` in the newest-first order. */
const precedes = (a: readonly [string, string], b: readonly [string, string]): boolean =>
  a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

const keyOf = (row: SimTransaction): [string, string] => [row.bookedDate, row.id];

/**
 * One page across several accounts: binary-search each account to where the page starts, then
 * merge the sorted lists, so a page costs O(accounts · log rows + pageSize) however deep it is.
 */
export function queryTransactions(query: TransactionQuery): TransactionPage {
  const cursors = query.accounts.map((rows) => ({ rows, index: startIndex(rows, query) }));
  const page: SimTransaction[] = [];
  while (page.length <= query.pageSize) {
    let best: { rows: readonly SimTransaction[]; index: number } | undefined;
    for (const cursor of cursors) {
      const row = cursor.rows[cursor.index];
      if (row === undefined) continue;
      if (query.bookedDateGte !== undefined && row.bookedDate < query.bookedDateGte) {
        cursor.index = cursor.rows.length; // older rows only from here on
        continue;
      }
      if (!best || precedes(keyOf(row), keyOf(best.rows[best.index]))) best = cursor;
    }
    if (!best) break;
    const row = best.rows[best.index];
    best.index += 1;
    if (query.statuses && !query.statuses.has(row.status)) continue;
    page.push(row);
  }
  const hasMore = page.length > query.pageSize;
  return { rows: hasMore ? page.slice(0, query.pageSize) : page, hasMore };
}

function startIndex(rows: readonly SimTransaction[], query: TransactionQuery): number {
  let low = 0;
  let high = rows.length;
  // First row that is not before the cursor and not newer than bookedDateLte.
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = keyOf(rows[middle]);
    const beforeCursor = query.after !== undefined && !precedes(query.after, key);
    const tooNew = query.bookedDateLte !== undefined && key[0] > query.bookedDateLte;
    if (beforeCursor || tooNew) low = middle + 1;
    else high = middle;
  }
  return low;
}
