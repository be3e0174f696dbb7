import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/load-config';
import { buildOpenApiDocument } from '../src/core/http/swagger';

/** Regenerates openapi.json from the code; the e2e suite fails when the two drift apart. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'finsync-openapi-'));
  const config = new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    }),
  );
  const app = await createApp(config);
  await app.init();
  const document = buildOpenApiDocument(app);
  writeFileSync(join(__dirname, '..', 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  console.log('openapi.json written');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
