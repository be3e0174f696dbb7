import { createConnection } from 'mysql2/promise';

export const DEFAULT_TEST_DATABASE_URL = 'mysql://root@127.0.0.1:3306';

export type TestDatabaseTarget =
  { kind: 'mysql'; serverUrl: string } | { kind: 'sqlite'; reason: string };

/** Which engine the DB suites run on: MySQL when reachable, SQLite when asked for or (outside CI) as fallback. */
export async function resolveTestDatabaseTarget(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestDatabaseTarget> {
  const requested = env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  if (requested.startsWith('sqlite'))
    return { kind: 'sqlite', reason: 'TEST_DATABASE_URL asks for SQLite' };
  try {
    const connection = await createConnection({ uri: requested, connectTimeout: 3000 });
    await connection.end();
    return { kind: 'mysql', serverUrl: requested.replace(/\/+$/, '') };
  } catch (error) {
    if (env.CI === 'true') {
      throw new Error(
        `MySQL at ${redactUrl(requested)} is unreachable and CI=true: ${(error as Error).message}`,
      );
    }
    return {
      kind: 'sqlite',
      reason: `MySQL at ${redactUrl(requested)} unreachable (${(error as Error).message})`,
    };
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
