import { resolveTestDatabaseTarget } from './test-database-target';

export default async function globalSetup(): Promise<void> {
  const target = await resolveTestDatabaseTarget();
  process.env.FINSYNC_TEST_RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  if (target.kind === 'mysql') {
    process.env.FINSYNC_TEST_DB_SERVER = target.serverUrl;
  } else {
    process.env.FINSYNC_TEST_DB_SERVER = 'sqlite';
    console.log(`\n[finsync tests] database suites run on SQLite: ${target.reason}\n`);
  }
}
