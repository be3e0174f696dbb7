import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { retryOnLockConflict } from '../../../infra/database/database-errors';
import { storedInstant } from '../../../infra/database/stored-instant';

/** What the stores' hand-written statements share: parameters, table hints, execution. */
@Injectable()
export class EngineSql {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.driver.options.type === 'better-sqlite3';
  }

  /** A Date as stored in the DATETIME(3) columns. */
  at(date: Date | null): unknown {
    return storedInstant(this.dataSource, date);
  }

  /**
   * `<table> FORCE INDEX (PRIMARY)` on MySQL/MariaDB. The batch UPDATEs select rows by id, but their
   * extra conditions (`status = 'running'`) tempt the optimizer into a range scan of a status index,
   * whose next-key locks cover other instances' runs too, and two instances then deadlock.
   */
  byPrimaryKey(table: 'scheduled_tasks' | 'task_logs'): string {
    return this.isSqlite ? table : `${table} FORCE INDEX (PRIMARY)`;
  }

  /**
   * Runs a hand-written statement; returns the rows it affected. On its own (no transaction) a
   * statement that lost a deadlock was rolled back whole, so it simply runs again.
   */
  async execute(sql: string, parameters: unknown[], queryRunner?: QueryRunner): Promise<number> {
    if (queryRunner) return (await queryRunner.query(sql, parameters, true)).affected ?? 0;
    return retryOnLockConflict(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return (await runner.query(sql, parameters, true)).affected ?? 0;
      } finally {
        await runner.release();
      }
    });
  }
}
