import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run migration:generate -- <Name>`: TypeORM diffs the entities against the configured database
 * (DATABASE_URL; use a MySQL one) and writes the migration; then the migration index is rebuilt.
 */
const MIGRATIONS_DIR = join(__dirname, '..', 'src', 'infra', 'database', 'migrations');

function main(name: string | undefined): void {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- <PascalCaseName>');
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
      join(MIGRATIONS_DIR, name),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeIndex();
}

function writeIndex(): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d+-.+\.ts$/.test(file))
    .sort();
  const classes = files.map((file) => {
    const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
    return { file: file.replace(/\.ts$/, ''), className: `${name}${timestamp}` };
  });
  const lines = [
    '// Kept in order by `npm run migration:generate`; the app and the CLI load exactly this list.',
    ...classes.map(({ file, className }) => `import { ${className} } from './${file}';`),
    '',
    `export const MIGRATIONS = [${classes.map((c) => c.className).join(', ')}];`,
    '',
  ];
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), lines.join('\n'));
  console.log('migrations/index.ts rebuilt');
}

main(process.argv[2]);
