import { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/load-config';
import { TokenService } from '../../src/core/auth/token.service';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  config: AppConfig;
  tokenFor(role: 'admin' | 'user', sub?: number): string;
  close(): Promise<void>;
}

/** The production app (same factory as main.ts) on a fresh database, listening on a random port. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { extraImports?: Parameters<typeof createApp>[1]; db?: TestDatabase } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: db.url,
      ...env,
    }),
  );
  const app = await createApp(config, options.extraImports);
  await app.listen(0, '127.0.0.1');
  const tokens = app.get(TokenService);
  return {
    app,
    db,
    config,
    tokenFor: (role, sub = role === 'admin' ? 1 : 2) => tokens.sign({ id: sub, role }),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
