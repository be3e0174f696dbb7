import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import { retryOnLockConflict } from '../../infra/database/database-errors';
import { storedInstant } from '../../infra/database/stored-instant';
import { copyBatchSql, deleteBatchSql, lockBatchSql } from './archive-sql';

/**
 * Moves one batch in one database transaction: re-check (and on MySQL lock) the chosen rows, copy
 * them into `transactions_archive`, delete exactly those ids. A failure anywhere rolls the whole
 * batch back; a key the archive holds already is updated, not added, so a batch that runs twice adds
 * nothing twice. Returns how many rows left `transactions`.
 */
export interface ArchiveBatchMover {
  move(ids: readonly number[], cutoff: string, archivedAt: Date): Promise<number>;
}

export function createArchiveBatchMover(dataSource: DataSource): ArchiveBatchMover {
  const driver = dataSource.driver;
  if (driver instanceof MysqlDriver) return new MysqlArchiveBatchMover(dataSource);
  if (driver instanceof BetterSqlite3Driver) {
    return new SqliteArchiveBatchMover(dataSource, driver.databaseConnection);
  }
  throw new Error(`Unsupported database driver ${dataSource.options.type}`);
}

class MysqlArchiveBatchMover implements ArchiveBatchMover {
  constructor(private readonly dataSource: DataSource) {}

  move(ids: readonly number[], cutoff: string, archivedAt: Date): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return retryOnLockConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const locked: { id: number | string }[] = await manager.query(
          lockBatchSql('mysql', ids.length),
          [...ids, cutoff],
        );
        if (locked.length === 0) return 0;
        const lockedIds = locked.map((row) => Number(row.id));
        await manager.query(copyBatchSql('mysql', lockedIds.length), [archivedAt, ...lockedIds]);
        await manager.query(deleteBatchSql(lockedIds.length), lockedIds);
        return lockedIds.length;
      }),
    );
  }
}

/**
 * SQLite: TypeORM shares one connection between all callers, so the batch runs synchronously
 * inside better-sqlite3's `transaction()`, atomic and alone (as the ingest store does).
 */
class SqliteArchiveBatchMover implements ArchiveBatchMover {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: Database,
  ) {}

  async move(ids: readonly number[], cutoff: string, archivedAt: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const at = storedInstant(this.dataSource, archivedAt);
    return this.db.transaction(() => {
      const locked = this.db.prepare(lockBatchSql('sqlite', ids.length)).all(...ids, cutoff) as {
        id: number;
      }[];
      if (locked.length === 0) return 0;
      const lockedIds = locked.map((row) => Number(row.id));
      this.db.prepare(copyBatchSql('sqlite', lockedIds.length)).run(at, ...lockedIds);
      this.db.prepare(deleteBatchSql(lockedIds.length)).run(...lockedIds);
      return lockedIds.length;
    })();
  }
}
