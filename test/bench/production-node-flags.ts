import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags `npm run start:prod` starts the service with (`node <flags> dist/…`), so benchmark
 * children run the way production does.
 */
export function productionNodeFlags(): string[] {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as {
    scripts: Record<string, string>;
  };
  const [command, ...words] = manifest.scripts['start:prod'].split(/\s+/);
  if (command !== 'node') throw new Error('start:prod no longer starts with `node`');
  return words.filter((word) => word.startsWith('--'));
}
