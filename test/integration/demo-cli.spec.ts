import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, SpawnedScript } from '../utils/spawned-script';

/** `npm run demo` as a newcomer runs it, then the CLI pointed at it with the line the demo prints. */
describe('npm run demo', () => {
  const directory = mkdtempSync(join(tmpdir(), 'finsync-demo-'));
  const databasePath = join(directory, 'demo.sqlite');
  let demo: SpawnedScript;

  beforeAll(async () => {
    demo = new SpawnedScript('scripts/demo.ts', ['--database-path', databasePath], {
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    });
    await demo.waitForOutput(/Press Ctrl-C to stop\./, 150_000);
    // Its log lines come through pino's transport thread, which may lag behind console.log.
    await demo.waitForOutput(/Failed to sync connection/, 30_000);
  }, 180_000);

  afterAll(async () => {
    demo?.signal('SIGINT');
    await demo?.exited;
    rmSync(directory, { recursive: true, force: true });
  });

  it('prints its banner first and announces the expired consent before its error line', () => {
    const lines = demo.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines[0]).toBe(
      `finsync demo: finsync on SQLite at ${databasePath}, the Tink simulator and an FTP server in-process,`,
    );
    const announced = lines.findIndex((line) => line.startsWith('Running the first Tink sync.'));
    const failure = lines.findIndex((line) => line.includes('Failed to sync connection'));
    expect(announced).toBeGreaterThan(0);
    expect(failure).toBeGreaterThan(announced);
    expect(lines.slice(0, announced).join('\n')).not.toMatch(/ERROR|WARN/);
  });

  it('prints the environment that points npm run task and npm run sync:tink at it', async () => {
    const exported = /^ {2}export (DATABASE_URL=\S+.*)$/m.exec(demo.stdout)?.[1];
    expect(exported).toBeDefined();
    const env = Object.fromEntries(
      (exported as string).split(' ').map((pair) => pair.split('=', 2) as [string, string]),
    );
    expect(env).toMatchObject({
      DATABASE_URL: `sqlite:${databasePath}`,
      TINK_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      TINK_CLIENT_ID: expect.any(String),
      TINK_CLIENT_SECRET: expect.any(String),
    });

    const list = await runScript('scripts/task.ts', ['list'], env);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(`Database: SQLite ${databasePath} (from DATABASE_URL)`);
    expect(list.stdout).toMatch(/^tink\.sync-connections\s.*\spartial\s+\d{4}-/m);

    const sync = await runScript('scripts/sync-tink.ts', [], env);
    expect(sync.stdout).toContain(`Database: SQLite ${databasePath} (from DATABASE_URL)`);
    expect(sync.stdout).toContain('Tink credentials: configured');
    expect(sync.stdout).toContain('Total active Tink connections: 3');
    expect(sync.stdout).toMatch(
      /Executing tink\.sync-connections through the task runner \(run [0-9a-f-]{36}\)/,
    );
    expect(sync.stdout).toContain('Test Complete');
  }, 180_000);
});
