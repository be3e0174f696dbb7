import { DataSource, DataSourceOptions } from 'typeorm';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import { DatabaseTarget } from './database-url';
import { DriverType, prepareDatabase } from './ensure-database';
import { TypeOrmLogger } from './typeorm-logger';

/** `DataSourceOptions['entities']` and `['migrations']` as lists of classes. */
export type EntityList = Extract<NonNullable<DataSourceOptions['entities']>, unknown[]>;
export type MigrationList = Extract<NonNullable<DataSourceOptions['migrations']>, unknown[]>;

export interface DataSourceSettings {
  /** The features' entities; the app leaves this empty and lets each module register its own. */
  entities?: EntityList;
  migrations?: MigrationList;
  migrationsRun?: boolean;
  logging?: boolean;
}

/** One description of the database for the app, the CLI (ormconfig.ts) and the tests. */
export function buildDataSourceOptions(
  target: DatabaseTarget,
  settings: DataSourceSettings = {},
  driver: DriverType = target.type === 'mysql' ? 'mysql' : 'better-sqlite3',
): DataSourceOptions {
  const common = {
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTableName: 'migrations',
    synchronize: false,
    logger: new TypeOrmLogger(settings.logging ?? false),
    maxQueryExecutionTime: 2000,
  };
  if (target.type === 'better-sqlite3') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      enableWAL: target.path !== ':memory:',
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: driver === 'mariadb' ? 'mariadb' : 'mysql',
    url: target.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: { connectionLimit: 20 },
  };
}

/** Prepares the server (see prepareDatabase) and describes the data source for it. */
export async function resolveDataSourceOptions(
  target: DatabaseTarget,
  settings: DataSourceSettings = {},
): Promise<DataSourceOptions> {
  return buildDataSourceOptions(target, settings, await prepareDatabase(target));
}

/**
 * A DataSource for the options. TypeORM's MySQL driver gives create/update-date columns
 * `CURRENT_TIMESTAMP(6)`; ours are DATETIME(3), so the default follows the column.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  if (dataSource.driver instanceof MysqlDriver) {
    dataSource.driver.mappedDataTypes.createDateDefault = 'CURRENT_TIMESTAMP(3)';
    dataSource.driver.mappedDataTypes.updateDateDefault = 'CURRENT_TIMESTAMP(3)';
  }
  return dataSource;
}
