import { INSERT_COLUMNS, placeholders, type SqlDialect } from '../sync/ingest-sql';

/**
 * The archiver's SQL, for MySQL/MariaDB and SQLite. A batch is a list of `transactions` ids; each
 * statement names them explicitly, so the copy and the delete act on exactly the same rows.
 */
const COPIED_COLUMNS = ['id', ...INSERT_COLUMNS, 'created_at', 'updated_at'].join(', ');

/** Only booked rows move: a pending row may still book under a new key and must stay re-keyable. */
const ARCHIVABLE = "booking_date < ? AND status = 'booked'";

/** Accounts in id order, a page at a time: the archiver walks them so each read uses an index. */
export const ACCOUNT_PAGE_SQL = 'SELECT id FROM bank_accounts WHERE id > ? ORDER BY id LIMIT ?';

/** Up to `?` archivable rows of one account (index `idx_transactions_account_date`). */
export const ACCOUNT_CANDIDATES_SQL =
  `SELECT id FROM transactions WHERE account_id = ? AND ${ARCHIVABLE} ` +
  'ORDER BY booking_date, id LIMIT ?';

/**
 * Inside the batch's transaction: which of the chosen rows are still archivable (a sync may have
 * changed one since). On MySQL the rows stay locked until the batch commits, so no sync can write
 * them between the copy and the delete.
 */
export function lockBatchSql(dialect: SqlDialect, count: number): string {
  const lock = dialect === 'mysql' ? ' FOR UPDATE' : '';
  return `SELECT id FROM transactions WHERE id IN (${placeholders(count)}) AND ${ARCHIVABLE}${lock}`;
}

/** What a later copy of the same key brings: everything but the identity and the archive's own dates. */
const CONTENT_COLUMNS = [...INSERT_COLUMNS.slice(2), 'updated_at'];

/**
 * Copies the rows. A key the archive holds already keeps its archived row (id, created_at,
 * archived_at) and takes the content of the copy: a batch that runs again adds nothing twice, and a
 * row a racing sync wrote back into `transactions` (newer than the archived one) loses nothing.
 * Parameters: archived_at, then the ids.
 */
export function copyBatchSql(dialect: SqlDialect, count: number): string {
  const head =
    `INSERT INTO transactions_archive (${COPIED_COLUMNS}, archived_at) ` +
    `SELECT ${COPIED_COLUMNS}, ? FROM transactions WHERE id IN (${placeholders(count)})`;
  if (dialect === 'mysql') {
    const set = CONTENT_COLUMNS.map(
      (column) => `transactions_archive.${column} = VALUES(${column})`,
    ).join(', ');
    return `${head} ON DUPLICATE KEY UPDATE ${set}`;
  }
  const set = CONTENT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');
  return `${head} ON CONFLICT (account_id, provider_tx_key) DO UPDATE SET ${set}`;
}

export function deleteBatchSql(count: number): string {
  return `DELETE FROM transactions WHERE id IN (${placeholders(count)})`;
}

/** Booking date of the newest archived row (index `idx_transactions_archive_date`). */
export const NEWEST_ARCHIVED_SQL = 'SELECT MAX(booking_date) AS newest FROM transactions_archive';

/** Which of these keys of one account the archive holds. */
export function archivedKeysSql(count: number): string {
  return (
    'SELECT provider_tx_key FROM transactions_archive ' +
    `WHERE account_id = ? AND provider_tx_key IN (${placeholders(count)})`
  );
}
