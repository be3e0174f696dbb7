import type { DataSource } from 'typeorm';
import { retryOnLockConflict } from '../../infra/database/database-errors';
import { archivedKeysSql } from '../archive/archive-sql';
import type { IngestPlan, StoredTransactionRef } from './ingest-plan';
import {
  LOAD_WINDOW_SQL,
  type SqlStatement,
  UPSERT_BATCH_ROWS,
  chunked,
  earliestPendingSql,
  loadByKeysSql,
  planStatements,
} from './ingest-sql';
import {
  type StoredRow,
  type TransactionStore,
  toEarliestDates,
  toStoredRef,
} from './transaction-store';

/** MySQL/MariaDB: each apply takes a pooled connection for its own transaction. */
export class MysqlTransactionStore implements TransactionStore {
  constructor(private readonly dataSource: DataSource) {}

  async loadWindow(accountId: number, since: string): Promise<StoredTransactionRef[]> {
    const rows: StoredRow[] = await this.dataSource.query(LOAD_WINDOW_SQL, [accountId, since]);
    return rows.map(toStoredRef);
  }

  async loadByKeys(accountId: number, keys: readonly string[]): Promise<StoredTransactionRef[]> {
    const refs: StoredTransactionRef[] = [];
    for (const chunk of chunked(keys, UPSERT_BATCH_ROWS)) {
      const rows: StoredRow[] = await this.dataSource.query(loadByKeysSql(chunk.length), [
        accountId,
        ...chunk,
      ]);
      refs.push(...rows.map(toStoredRef));
    }
    return refs;
  }

  async archivedKeys(accountId: number, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunked(keys, UPSERT_BATCH_ROWS)) {
      const rows: { provider_tx_key: string }[] = await this.dataSource.query(
        archivedKeysSql(chunk.length),
        [accountId, ...chunk],
      );
      for (const row of rows) found.add(row.provider_tx_key);
    }
    return found;
  }

  async earliestPendingDates(accountIds: readonly number[]): Promise<Map<number, string>> {
    if (accountIds.length === 0) return new Map();
    return toEarliestDates(
      await this.dataSource.query(earliestPendingSql(accountIds.length), [...accountIds]),
    );
  }

  /**
   * One transaction per account; a plan that is one statement (the usual first sync of an account)
   * is atomic on its own and skips the BEGIN/COMMIT round trips. Concurrent accounts can still
   * deadlock on InnoDB's index locks; the loser rolled back whole, so it simply runs again.
   */
  async apply(accountId: number, plan: IngestPlan): Promise<void> {
    const statements = planStatements('mysql', accountId, plan);
    await retryOnLockConflict(() => this.execute(statements));
  }

  private async execute(statements: readonly SqlStatement[]): Promise<void> {
    if (statements.length === 1) {
      await this.dataSource.query(statements[0].sql, statements[0].parameters);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      for (const { sql, parameters } of statements) await manager.query(sql, parameters);
    });
  }
}
