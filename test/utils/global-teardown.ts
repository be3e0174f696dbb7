import { createConnection } from 'mysql2/promise';

/** Drops any database this run created and a crashed test file failed to drop. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.FINSYNC_TEST_DB_SERVER;
  const runId = process.env.FINSYNC_TEST_RUN_ID;
  if (!server || server === 'sqlite' || !runId) return;
  const connection = await createConnection({ uri: server });
  try {
    const [rows] = await connection.query<import('mysql2').RowDataPacket[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [`finsync_test_${runId}_%`],
    );
    for (const row of rows) await connection.query(`DROP DATABASE IF EXISTS \`${row.name}\``);
  } finally {
    await connection.end();
  }
}
