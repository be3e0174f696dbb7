import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export interface TestDatabase {
  url: string;
  engine: 'mysql' | 'sqlite';
  drop(): Promise<void>;
}

/**
 * A throw-away database for one test file, on the engine the global setup chose
 * (MySQL normally; SQLite with TEST_DATABASE_URL=sqlite or when MySQL is unreachable outside CI).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.FINSYNC_TEST_DB_SERVER;
  const runId = process.env.FINSYNC_TEST_RUN_ID ?? 'adhoc';
  const suffix = randomBytes(4).toString('hex');
  if (!server)
    throw new Error('FINSYNC_TEST_DB_SERVER is unset: run DB suites through jest (global setup)');
  if (server === 'sqlite') {
    const path = join(tmpdir(), `finsync_test_${runId}_${suffix}.sqlite`);
    return {
      url: `sqlite:${path}`,
      engine: 'sqlite',
      drop: async () => {
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      },
    };
  }
  const name = `finsync_test_${runId}_${suffix}`;
  const connection = await createConnection({ uri: server });
  await connection.query(
    `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await connection.end();
  return {
    url: `${server}/${name}`,
    engine: 'mysql',
    drop: async () => {
      const dropper = await createConnection({ uri: server });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}
