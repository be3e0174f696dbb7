import { runScript, SpawnedScript } from '../utils/spawned-script';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const RUN_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The operator subcommands of `npm run task`, spawned as an operator runs them. */
describe('npm run task: pause, resume, enable, disable, next-runs, show, tail', () => {
  let db: TestDatabase;
  const env = { NODE_ENV: 'test', DATABASE_URL: 'sqlite:/nonexistent/never-read.sqlite' };
  // --database-url wins over DATABASE_URL: every command here reads the test database through it.
  const task = (...args: string[]) =>
    runScript('scripts/task.ts', ['--database-url', db.url, ...args], env);

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('pauses, disables, enables and resumes a task by key, naming the database it reads', async () => {
    const paused = await task('pause', 'tink.sync-connections');
    expect(paused.code).toBe(0);
    expect(paused.stderr).toMatch(/^Database: (SQLite|MySQL) \S+ \(from --database-url\)\n/);
    expect(paused.stdout).toBe('tink.sync-connections paused; it will not run until resumed\n');

    const disabled = await task('disable', 'tink.sync-connections');
    expect(disabled.stdout).toBe('tink.sync-connections disabled; it will not run until enabled\n');
    const listed = await task('list');
    expect(listed.stdout).toMatch(/^tink\.sync-connections\s.*every 6h\s+disabled\s/m);

    expect((await task('enable', 'tink.sync-connections')).stdout).toBe(
      'tink.sync-connections enabled; it will not run until resumed\n',
    );
    const resumed = await task('resume', 'tink.sync-connections');
    expect(resumed.stdout).toMatch(
      /^tink\.sync-connections resumed; next run \d{4}-\d\d-\d\d \d\d:00:00Z\n$/,
    );
    expect((await task('list')).stdout).toMatch(/^tink\.sync-connections\s.*every 6h\s+enabled\s/m);
  }, 120_000);

  it('next-runs lists the fires in the task zone and in UTC; a bad --count is a usage error', async () => {
    const result = await task('next-runs', 'credit-portfolio.import-ftp', '--count', '3');
    expect(result.code).toBe(0);
    const [title, ...fires] = result.stdout.trim().split('\n');
    expect(title).toBe('credit-portfolio.import-ftp: cron 0 6 * * * Europe/Moscow');
    expect(fires).toHaveLength(3);
    for (const fire of fires)
      expect(fire).toMatch(
        /^ {2}\d{4}-\d\d-\d\d 06:00:00\+03:00 {2}\(\d{4}-\d\d-\d\d 03:00:00Z\)$/,
      );

    const bad = await task('next-runs', 'credit-portfolio.import-ftp', '--count', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--count must be an integer from 1 to 100');
  }, 120_000);

  it('tail prints a run starting and ending; show prints that run; Ctrl-C ends tail', async () => {
    const tail = new SpawnedScript(
      'scripts/task.ts',
      ['--database-url', db.url, 'tail', '--interval-ms', '200'],
      env,
    );
    await tail.waitForOutput(
      /Following runs of every task \(\d+ running now\); Ctrl-C stops/,
      60_000,
    );

    const run = await task('run', 'scheduler.cleanup-logs');
    expect(run.code).toBe(0);
    const runId = run.stdout.match(RUN_ID)?.[0] as string;
    await tail.waitForOutput(
      new RegExp(`completed\\s+scheduler\\.cleanup-logs {2}run ${runId} in`),
      30_000,
    );
    expect(tail.stdout).toMatch(
      new RegExp(`started\\s+scheduler\\.cleanup-logs {2}run ${runId} \\(manual, attempt 1\\)`),
    );
    tail.signal('SIGINT');
    const ended = await tail.exited;
    expect(ended.code === 0 || ended.signal === 'SIGINT').toBe(true);

    const shown = await task('show', runId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      new RegExp(
        `^Run ${runId}\\n {2}task {10}scheduler\\.cleanup-logs \\(Delete old run history\\)\\n {2}status {8}completed\\n {2}trigger {7}manual, attempt 1\\n`,
      ),
    );
    expect(shown.stdout).toContain('"deleted": 0');

    const missing = await task('show', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no run with id 00000000-0000-4000-8000-000000000000');
  }, 180_000);
});
