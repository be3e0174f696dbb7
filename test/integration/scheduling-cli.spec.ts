import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');
const RUN_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run task -- <args>` against the test database, as an operator would run it. */
function runCli(db: TestDatabase, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'task', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, DB_MIGRATIONS_RUN: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run task (scheduling CLI)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('list: boots on a fresh database (migrations run) and lists the code-declared tasks', async () => {
    const result = await runCli(db, ['list']);
    expect(result.code).toBe(0);
    // Quiet by default: no log lines at info level, on either stream.
    expect(result.stdout + result.stderr).not.toContain('"level"');
    const [header, ...rows] = result.stdout.trim().split('\n');
    expect(header).toMatch(/^KEY \/ ID\s+TYPE\s+SCHEDULE\s+STATE\s+STATUS\s+LAST RUN\s+NEXT RUN$/);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^scheduler\.cleanup-logs\s+scheduler\.cleanup-logs\s+cron 30 3 \* \* \* UTC\s+enabled\s+pending\s+-\s+\d{4}-\d\d-\d\d 03:30:00Z$/,
        ),
        expect.stringMatching(/^tink\.sync-connections\s.*every 6h\s+enabled/),
      ]),
    );
  }, 60_000);

  it('run: executes through the runner with the scheduler off, waits and reports the outcome', async () => {
    const result = await runCli(db, ['run', 'scheduler.cleanup-logs', '--verbose']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Run (${RUN_ID.source}) of scheduler\\.cleanup-logs started\\nRun \\1 completed in \\d+\\.\\d\\ds\\n`,
      ),
    );
    expect(result.stdout).toContain('Details: {"deleted":0,');
    // Logs stay on stderr; this process started no timers.
    expect(result.stderr).toContain('Scheduler is disabled (SCHEDULER_ENABLED=false)');
    expect(result.stdout).not.toContain('"level"');

    const runId = result.stdout.match(RUN_ID)?.[0];
    const history = await runCli(db, ['runs', 'scheduler.cleanup-logs', '--limit', '5']);
    expect(history.code).toBe(0);
    const [header, ...rows] = history.stdout.trim().split('\n');
    expect(header).toMatch(
      /^RUN ID\s+SCHEDULED FOR\s+TRIGGER\s+ATTEMPT\s+STATUS\s+STARTED\s+DURATION\s+ITEMS\s+ERROR$/,
    );
    expect(rows).toHaveLength(1);
    // The cleanup found nothing to delete: an idle run, listed here (the API hides it by default).
    expect(rows[0]).toMatch(
      new RegExp(
        `^${runId}\\s+\\S+ \\S+\\s+manual\\s+1\\s+completed \\(idle\\)\\s+\\S+ \\S+\\s+\\S+s\\s+-$`,
      ),
    );
  }, 60_000);

  it('exits 1 naming an unknown task, and 2 with the usage on bad arguments', async () => {
    const unknown = await runCli(db, ['run', 'no.such-task']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No scheduled task with id or key no.such-task');

    const usage = await runCli(db, ['runs']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run task -- <command>');
  }, 60_000);
});
