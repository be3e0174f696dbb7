import { runScript } from '../utils/spawned-script';

/** Every npm script an operator runs answers --help with its usage, exit 0, touching nothing. */
describe('--help on every script', () => {
  it.each([
    ['task', 'scripts/task.ts', 'Usage: npm run task -- <command>'],
    ['token', 'scripts/token.ts', 'Usage: npm run token -- [--role admin|user]'],
    ['sync:tink', 'scripts/sync-tink.ts', 'Usage: npm run sync:tink'],
    ['demo', 'scripts/demo.ts', 'Usage: npm run demo'],
    ['bench', 'test/bench/run.ts', 'Usage: npm run bench'],
  ])(
    'npm run %s -- --help',
    async (_name, script, usage) => {
      const result = await runScript(script, ['--help'], {
        DATABASE_URL: 'sqlite:/nonexistent/never-opened.sqlite',
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.startsWith(usage)).toBe(true);
    },
    60_000,
  );

  it('lists every subcommand of the task CLI and its --database-url option', async () => {
    const { stdout } = await runScript('scripts/task.ts', ['--help']);
    for (const command of [
      'list',
      'run',
      'runs',
      'pause',
      'resume',
      'enable',
      'disable',
      'next-runs',
      'show',
      'tail',
    ])
      expect(stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(stdout).toContain('--database-url');
  }, 60_000);
});
