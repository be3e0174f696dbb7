import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterAbstract, RateLimiterMySQL, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';

export interface SharedLimiterOptions {
  /** Namespaces the keys, e.g. `<provider>-refresh`. */
  readonly keyPrefix: string;
  readonly points: number;
  /** Window length in seconds (fractions allowed). */
  readonly durationSeconds: number;
}

/** The `rate_limits` table (created by migration, laid out as rate-limiter-flexible expects). */
const TABLE = 'rate_limits';

/**
 * rate-limiter-flexible limiters whose counters live in the application database, so every
 * instance sharing the database shares the budget. Expired rows are overwritten by the next use
 * of their key, so the table holds one row per key and needs no sweeping.
 */
@Injectable()
export class SharedRateLimiters {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(options: SharedLimiterOptions): RateLimiterAbstract {
    const common = {
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
    };
    const driver = this.dataSource.driver;
    if (driver instanceof MysqlDriver) {
      return new RateLimiterMySQL({
        ...common,
        storeClient: driver.pool,
        storeType: 'pool',
        dbName: driver.database,
      });
    }
    if (driver instanceof BetterSqlite3Driver) {
      return new RateLimiterSQLite({
        ...common,
        storeClient: driver.databaseConnection,
        storeType: 'better-sqlite3',
      });
    }
    throw new Error(`No shared rate limiter for database driver ${this.dataSource.options.type}`);
  }
}
