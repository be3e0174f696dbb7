import { SpawnedScript } from '../utils/spawned-script';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

interface LogLine {
  level: number;
  context?: string;
  msg: string;
}

const INFO = 30;
const WARN = 40;

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** `npm start` as a process: what an operator's log collector sees at boot and shutdown. */
describe('boot and shutdown output', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const start = (env: Record<string, string>): SpawnedScript =>
    new SpawnedScript('src/main.ts', [], {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      PORT: '0',
      HOST: '127.0.0.1',
      TINK_CLIENT_ID: '',
      TINK_CLIENT_SECRET: '',
      CREDIT_PORTFOLIO_FTP_HOST: '',
      TINK_SYNC_INTERVAL_HOURS: '4',
      ...env,
    });

  it("prints the seeds' scheduler lines, the jobs with their next run, one warning per unconfigured job and the bound address", async () => {
    const app = start({});
    const [, port] = await app.waitForOutput(
      /finsync listening on http:\/\/127\.0\.0\.1:(\d+) /,
      60_000,
    );

    const root = await fetch(`http://127.0.0.1:${port}/`);
    expect(root.status).toBe(404);
    expect(await root.json()).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /: the API is under /api/v1; Swagger UI at /docs, health at /health',
      requestId: expect.any(String),
    });

    app.signal('SIGTERM');
    const result = await app.exited;
    expect(result.signal).toBe('SIGTERM');
    const lines = logLines(result.stdout);
    const info = lines.filter((line) => line.level === INFO).map((line) => line.msg);
    const order = [
      'Scheduler initialized successfully',
      'Scheduler started',
      'Tink sync job scheduled: every 4 hours',
      'Credit portfolio import scheduled: Daily at 06:00 Moscow time',
      'Scheduled jobs:',
    ].map((message) => info.indexOf(message));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b).slice(0, 2)).toEqual(order.slice(0, 2));
    expect(info).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ {2}- Import Credit Portfolio Data from FTP \(ID: credit-portfolio\.import-ftp, Next run: \d{4}-\d\d-\d\d 06:00:00\+03:00\)$/,
        ),
        expect.stringMatching(
          /^ {2}- Sync Tink connections \(ID: tink\.sync-connections, Next run: \d{4}-\d\d-\d\d \d\d:00:00\+00:00\)$/,
        ),
        'Swagger UI at http://127.0.0.1:' + port + '/docs',
      ]),
    );
    const warnings = lines.filter((line) => line.level === WARN).map((line) => line.msg);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'Tink sync job is enabled but not configured: set TINK_CLIENT_ID and TINK_CLIENT_SECRET; until then its runs are skipped',
        'Credit portfolio import is enabled but not configured: set CREDIT_PORTFOLIO_FTP_HOST; until then its runs are skipped',
      ]),
    );
    expect(warnings.filter((message) => message.startsWith('Tink sync job'))).toHaveLength(1);
    expect(info[info.length - 1]).toBe('Scheduler shut down successfully');
  }, 90_000);

  it('says "Scheduler is disabled" with SCHEDULER_ENABLED=false, and warns about nothing it will not run', async () => {
    const app = start({ SCHEDULER_ENABLED: 'false' });
    await app.waitForOutput(/finsync listening on/, 60_000);
    app.signal('SIGTERM');
    const { signal, stdout } = await app.exited;
    expect(signal).toBe('SIGTERM');
    const messages = logLines(stdout).map((line) => line.msg);
    expect(messages).toContainEqual(
      expect.stringMatching(/^Scheduler is disabled \(SCHEDULER_ENABLED=false\)/),
    );
    expect(messages).not.toContain('Scheduler started');
    expect(messages).not.toContain('Scheduler shut down successfully');
    expect(messages.filter((message) => message.includes('not configured'))).toEqual([]);
  }, 90_000);

  it('names the server and the cause in one line, without colour, when MySQL is unreachable', async () => {
    const app = new SpawnedScript('src/main.ts', [], {
      NODE_ENV: 'development',
      DATABASE_URL: 'mysql://finsync:secret-password@127.0.0.1:1/finsync',
      PORT: '0',
      FORCE_COLOR: '1',
    });
    const { code, stdout, stderr } = await app.exited;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'finsync failed to start: cannot connect to MySQL at 127.0.0.1:1 (database finsync): connection refused (ECONNREFUSED)\n',
    );
  }, 60_000);
});
