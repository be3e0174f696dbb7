import 'reflect-metadata';
import { AppConfig } from '../src/config/app-config';
import { loadEnvironment } from '../src/config/load-config';
import { ROLES, Role } from '../src/core/auth/roles';
import { TokenService } from '../src/core/auth/token.service';

const USAGE = `Usage: npm run token -- [--role admin|user] [--sub <user id>] [--ttl <duration>]

Prints a bearer token (HS256, signed with JWT_SECRET from the environment or .env) for the API.
  --role   admin (default) or user
  --sub    the user id the token speaks for (default 1)
  --ttl    lifetime: 1h (default), 30m, 7d, or seconds
Example: curl -H "Authorization: Bearer $(npm run -s token -- --role admin)" localhost:3000/api/v1/users`;

/** `npm run token -- --role admin --sub 1 [--ttl 1h]`: prints a bearer token signed with JWT_SECRET. */
function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(argv);
  const role = (args.role ?? 'admin') as Role;
  const sub = Number(args.sub ?? '1');
  if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!Number.isSafeInteger(sub) || sub <= 0) fail('--sub must be a positive user id');
  const tokens = new TokenService(new AppConfig(loadEnvironment()));
  console.log(tokens.sign({ id: sub, role }, args.ttl ?? '1h'));
}

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = argv[i].match(/^--([a-z]+)(?:=(.*))?$/);
    if (!match) fail(`unexpected argument ${argv[i]}`);
    args[match[1]] = match[2] ?? argv[++i] ?? fail(`--${match[1]} needs a value`);
  }
  return args;
}

function fail(message: string): never {
  console.error(`token: ${message}`);
  process.exit(2);
}

main(process.argv.slice(2));
