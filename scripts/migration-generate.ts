import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SRC_DIR, writeSchemaIndex } from './schema-index';

/**
 * `npm run migration:generate -- <feature folder under src/> <PascalCaseName>`, e.g.
 * `npm run migration:generate -- banking AddConsentColumns`: TypeORM diffs every entity against the
 * configured database (DATABASE_URL; use a MySQL one) and writes the migration into
 * `src/<feature>/migrations/`; then the root list `src/database-schema.ts` is rebuilt.
 */
function main(feature: string | undefined, name: string | undefined): void {
  if (!feature || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- <feature folder> <PascalCaseName>');
    process.exit(2);
  }
  const featureDir = join(SRC_DIR, feature);
  if (!existsSync(featureDir) || !statSync(featureDir).isDirectory()) {
    console.error(`src/${feature} is not a folder`);
    process.exit(2);
  }
  const result = spawnSync(
    'npx',
    [
      'typeorm-ts-node-commonjs',
      '-d',
      'ormconfig.ts',
      'migration:generate',
      '--pretty',
      join(featureDir, 'migrations', name),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeSchemaIndex();
}

main(process.argv[2], process.argv[3]);
