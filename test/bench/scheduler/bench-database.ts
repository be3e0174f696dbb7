import { randomBytes } from 'node:crypto';
import { ENTITIES, MIGRATIONS } from '../../../src/database-schema';
import { Logger } from '@nestjs/common';
import { createConnection, createPool, Pool } from 'mysql2/promise';
import {
  createDataSource,
  resolveDataSourceOptions,
} from '../../../src/infra/database/data-source-options';
import { parseDatabaseUrl } from '../../../src/infra/database/database-url';

/** A throw-away `finsync_bench_<random>` database, migrated, with a small pool for the harness. */
export interface BenchDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** Empties both engine tables between phases. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `finsync_bench_${randomBytes(4).toString('hex')}`;
  const url = `${serverUrl}/${name}`;
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  await migrate(url);
  const pool = createPool({ uri: url, connectionLimit: 4, timezone: 'Z' });
  return {
    name,
    url,
    pool,
    reset: async () => {
      await pool.query('TRUNCATE TABLE task_logs');
      await pool.query('TRUNCATE TABLE scheduled_tasks');
    },
    drop: async () => {
      await pool.end();
      const dropper = await createConnection({ uri: serverUrl });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}

/** Runs the app's own migrations, exactly as a booting instance would. */
async function migrate(url: string): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const options = await resolveDataSourceOptions(parseDatabaseUrl(url), {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
  });
  const dataSource = await createDataSource(options).initialize();
  await dataSource.destroy();
}
