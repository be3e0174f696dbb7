import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DatabaseTarget, serverUrlOf } from './database-url';

export type DriverType = 'mysql' | 'mariadb' | 'better-sqlite3';

/**
 * Gets the server ready before TypeORM connects: the SQLite file's directory, or the MySQL database
 * when it is missing and the user may create it. Returns the TypeORM driver that fits the server:
 * a `mysql://` URL may point at MariaDB, whose catalog TypeORM only reads right as `mariadb`.
 */
export async function prepareDatabase(target: DatabaseTarget): Promise<DriverType> {
  if (target.type === 'better-sqlite3') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    return 'better-sqlite3';
  }
  const connection = await createConnection({ uri: serverUrlOf(target), connectTimeout: 10_000 });
  try {
    const [[{ version }]] = await connection.query<import('mysql2').RowDataPacket[]>(
      'SELECT VERSION() AS version',
    );
    await createDatabaseIfAllowed(connection, target.database);
    return String(version).includes('MariaDB') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

async function createDatabaseIfAllowed(
  connection: import('mysql2/promise').Connection,
  database: string,
): Promise<void> {
  try {
    const escaped = database.replace(/`/g, '``');
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${escaped}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } catch (error) {
    // Without CREATE privilege the database may still exist; TypeORM's connect reports the real problem.
    if ((error as { code?: string }).code !== 'ER_DBACCESS_DENIED_ERROR') throw error;
  }
}
