import type { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import type { ProviderTransactionStatus } from './bank-sync.types';
import type { IngestPlan, StoredTransactionRef } from './ingest-plan';
import { isoDateFromDriver } from './iso-dates';
import { MysqlTransactionStore } from './mysql-transaction-store';
import { SqliteTransactionStore } from './sqlite-transaction-store';

/** Reads and writes of the `transactions` table that ingest needs. */
export interface TransactionStore {
  /** Rows of the account booked (or expected) on or after `since`. */
  loadWindow(accountId: number, since: string): Promise<StoredTransactionRef[]>;
  loadByKeys(accountId: number, keys: readonly string[]): Promise<StoredTransactionRef[]>;
  /** Expected booking date of each account's oldest pending row. */
  earliestPendingDates(accountIds: readonly number[]): Promise<Map<number, string>>;
  /** Which of these keys of the account `transactions_archive` holds. */
  archivedKeys(accountId: number, keys: readonly string[]): Promise<Set<string>>;
  /** All of the plan in one database transaction. */
  apply(accountId: number, plan: IngestPlan): Promise<void>;
}

export function createTransactionStore(dataSource: DataSource): TransactionStore {
  const driver = dataSource.driver;
  if (driver instanceof MysqlDriver) return new MysqlTransactionStore(dataSource);
  if (driver instanceof BetterSqlite3Driver) {
    return new SqliteTransactionStore(driver.databaseConnection);
  }
  throw new Error(`Unsupported database driver ${dataSource.options.type}`);
}

/** A row of the SELECTs in ingest-sql, as either driver returns it. */
export interface StoredRow {
  id: number | string;
  provider_tx_key: string;
  provider_reference: string | null;
  status: ProviderTransactionStatus;
  content_hash: string;
}

export function toStoredRef(row: StoredRow): StoredTransactionRef {
  return {
    id: Number(row.id),
    providerTxKey: row.provider_tx_key,
    providerReference: row.provider_reference,
    status: row.status,
    contentHash: row.content_hash,
  };
}

export function toEarliestDates(
  rows: readonly { account_id: number | string; earliest: unknown }[],
): Map<number, string> {
  const dates = new Map<number, string>();
  for (const row of rows) {
    const date = isoDateFromDriver(row.earliest);
    if (date) dates.set(Number(row.account_id), date);
  }
  return dates;
}
