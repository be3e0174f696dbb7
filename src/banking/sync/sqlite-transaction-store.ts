import type { Database, Statement } from 'better-sqlite3';
import { archivedKeysSql } from '../archive/archive-sql';
import type { IngestPlan, StoredTransactionRef } from './ingest-plan';
import {
  LOAD_WINDOW_SQL,
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

/**
 * SQLite: TypeORM shares one connection between all callers, so a transaction spanning awaits
 * would swallow other workers' statements. better-sqlite3 is synchronous: running the whole apply
 * inside `db.transaction()` keeps it atomic and alone.
 */
export class SqliteTransactionStore implements TransactionStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  async loadWindow(accountId: number, since: string): Promise<StoredTransactionRef[]> {
    return this.statement(LOAD_WINDOW_SQL)
      .all(accountId, since)
      .map((row) => toStoredRef(row as StoredRow));
  }

  async loadByKeys(accountId: number, keys: readonly string[]): Promise<StoredTransactionRef[]> {
    return chunked(keys, UPSERT_BATCH_ROWS).flatMap((chunk) =>
      this.statement(loadByKeysSql(chunk.length))
        .all(accountId, ...chunk)
        .map((row) => toStoredRef(row as StoredRow)),
    );
  }

  async archivedKeys(accountId: number, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunked(keys, UPSERT_BATCH_ROWS)) {
      const rows = this.statement(archivedKeysSql(chunk.length)).all(accountId, ...chunk);
      for (const row of rows as { provider_tx_key: string }[]) found.add(row.provider_tx_key);
    }
    return found;
  }

  async earliestPendingDates(accountIds: readonly number[]): Promise<Map<number, string>> {
    if (accountIds.length === 0) return new Map();
    const rows = this.statement(earliestPendingSql(accountIds.length)).all(...accountIds);
    return toEarliestDates(rows as { account_id: number; earliest: unknown }[]);
  }

  async apply(accountId: number, plan: IngestPlan): Promise<void> {
    const statements = planStatements('sqlite', accountId, plan);
    this.db.transaction(() => {
      for (const { sql, parameters } of statements) this.statement(sql).run(...parameters);
    })();
  }

  /** Prepared once per distinct SQL text (batch sizes repeat, so the cache stays small). */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
