import { DatabaseTarget } from '../../src/infra/database/database-url';
import { UsageError } from './usage-error';

/**
 * `--database-url <url>` anywhere in the arguments (it wins over DATABASE_URL); the rest is
 * returned untouched for the command's own parser.
 */
export function takeDatabaseUrl(argv: string[]): { rest: string[]; databaseUrl?: string } {
  const rest: string[] = [];
  let databaseUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--database-url') {
      databaseUrl = argv[++i];
      if (!databaseUrl || databaseUrl.startsWith('--'))
        throw new UsageError('--database-url needs a value (mysql://… or sqlite:<path>)');
    } else if (argument.startsWith('--database-url=')) {
      databaseUrl = argument.slice('--database-url='.length);
    } else rest.push(argument);
  }
  return { rest, databaseUrl };
}

/** The line telling the operator which database the command reads (never the password). */
export function describeDatabase(
  target: DatabaseTarget,
  from: 'option' | 'env' | 'default',
): string {
  const where =
    target.type === 'better-sqlite3'
      ? `SQLite ${target.path}`
      : `MySQL ${withoutPassword(target.url)}`;
  const source = {
    option: 'from --database-url',
    env: 'from DATABASE_URL',
    default: 'the default, as DATABASE_URL is unset',
  }[from];
  return `Database: ${where} (${source})`;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
