import type { IngestPlan, Rekey } from './ingest-plan';
import type { PreparedTransaction } from './prepared-transaction';

/**
 * Hand-written SQL for the ingest hot path (a multi-row upsert per batch). TypeORM's query builder
 * costs more per row than the statement itself; these strings run on MySQL/MariaDB and SQLite.
 */
export type SqlDialect = 'mysql' | 'sqlite';

/** Rows per multi-row statement: 15 parameters each stays far below SQLite's variable limit. */
export const UPSERT_BATCH_ROWS = 500;

/** A transaction's own columns, as ingest writes them (the archive copies the same ones). */
export const INSERT_COLUMNS = [
  'account_id',
  'provider_tx_key',
  'provider_reference',
  'status',
  'booking_date',
  'value_date',
  'amount',
  'currency',
  'description',
  'original_description',
  'counterparty',
  'category_id',
  'category',
  'raw',
  'content_hash',
] as const;
const CONTENT_COLUMNS = INSERT_COLUMNS.slice(2);

const ROW_PLACEHOLDERS = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
const SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

/**
 * Rows the diff found to be new. A plain INSERT on purpose: on InnoDB, ON DUPLICATE KEY UPDATE
 * takes gap locks for its duplicate check, and concurrent accounts inserting into the same gap
 * then deadlock.
 */
export function insertSql(rowCount: number): string {
  return `INSERT INTO transactions (${INSERT_COLUMNS.join(', ')}) VALUES ${Array.from(
    { length: rowCount },
    () => ROW_PLACEHOLDERS,
  ).join(', ')}`;
}

/** Rows whose key exists and whose content changed (MySQL's ON UPDATE moves `updated_at`). */
export function upsertSql(dialect: SqlDialect, rowCount: number): string {
  const head = insertSql(rowCount);
  if (dialect === 'mysql') {
    const set = CONTENT_COLUMNS.map((column) => `${column} = VALUES(${column})`).join(', ');
    return `${head} ON DUPLICATE KEY UPDATE ${set}`;
  }
  const set = CONTENT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');
  return `${head} ON CONFLICT (account_id, provider_tx_key) DO UPDATE SET ${set}, updated_at = ${SQLITE_NOW}`;
}

/** Parameters of `insertSql` / `upsertSql` for these rows. */
export function rowParameters(accountId: number, rows: readonly PreparedTransaction[]): unknown[] {
  const parameters: unknown[] = [];
  for (const row of rows) parameters.push(accountId, row.providerTxKey, ...contentValues(row));
  return parameters;
}

/** Moves a stored pending row onto the key its booked successor carries. */
export function rekeySql(dialect: SqlDialect): string {
  const set = ['provider_tx_key', ...CONTENT_COLUMNS].map((column) => `${column} = ?`).join(', ');
  const touch = dialect === 'sqlite' ? `, updated_at = ${SQLITE_NOW}` : '';
  return `UPDATE transactions SET ${set}${touch} WHERE id = ? AND account_id = ?`;
}

export function rekeyParameters(accountId: number, rekey: Rekey): unknown[] {
  return [rekey.row.providerTxKey, ...contentValues(rekey.row), rekey.id, accountId];
}

export function deleteSql(idCount: number): string {
  return `DELETE FROM transactions WHERE account_id = ? AND id IN (${placeholders(idCount)})`;
}

export const LOAD_WINDOW_SQL =
  'SELECT id, provider_tx_key, provider_reference, status, content_hash FROM transactions ' +
  'WHERE account_id = ? AND booking_date >= ?';

export function loadByKeysSql(keyCount: number): string {
  return (
    'SELECT id, provider_tx_key, provider_reference, status, content_hash FROM transactions ' +
    `WHERE account_id = ? AND provider_tx_key IN (${placeholders(keyCount)})`
  );
}

export function earliestPendingSql(accountCount: number): string {
  return (
    'SELECT account_id, MIN(booking_date) AS earliest FROM transactions ' +
    `WHERE status = 'pending' AND account_id IN (${placeholders(accountCount)}) GROUP BY account_id`
  );
}

function contentValues(row: PreparedTransaction): unknown[] {
  return [
    row.providerReference,
    row.status,
    row.bookingDate,
    row.valueDate,
    row.amount,
    row.currency,
    row.description,
    row.originalDescription,
    row.counterparty,
    row.categoryId,
    row.category,
    row.rawJson,
    row.contentHash,
  ];
}

/** `?, ?, …`: one placeholder per value of an IN list or a row. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export interface SqlStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/** The statements that carry out a plan, in order: re-keys, removals, updates, inserts. */
export function planStatements(
  dialect: SqlDialect,
  accountId: number,
  plan: IngestPlan,
): SqlStatement[] {
  return [
    ...plan.rekeys.map((rekey) => ({
      sql: rekeySql(dialect),
      parameters: rekeyParameters(accountId, rekey),
    })),
    ...chunked(plan.removals, UPSERT_BATCH_ROWS).map((ids) => ({
      sql: deleteSql(ids.length),
      parameters: [accountId, ...ids],
    })),
    ...chunked(plan.updates, UPSERT_BATCH_ROWS).map((rows) => ({
      sql: upsertSql(dialect, rows.length),
      parameters: rowParameters(accountId, rows),
    })),
    ...chunked(plan.inserts, UPSERT_BATCH_ROWS).map((rows) => ({
      sql: insertSql(rows.length),
      parameters: rowParameters(accountId, rows),
    })),
  ];
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
