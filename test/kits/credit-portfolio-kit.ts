import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { IMPORT_TASK_KEY } from '../../src/credit-portfolio/credit-portfolio.tasks';
import { CreditImportFileEntity } from '../../src/credit-portfolio/entities';
import { FtpTestServer, FtpTestServerAddress } from '../simulators/ftp/ftp-server';
import { startTestApp, TestApp } from '../utils/test-app';
import { TestDatabase } from '../utils/test-database';

export const EXPORT_DIR = '/exports';

/** A loopback FTP server whose `/exports` directory the test fills with workbooks. */
export class ExportsFtp {
  private constructor(
    readonly root: string,
    readonly server: FtpTestServer,
    readonly address: FtpTestServerAddress,
  ) {}

  static async start(): Promise<ExportsFtp> {
    const root = await mkdtemp(join(tmpdir(), 'credit-portfolio-ftp-root-'));
    await mkdir(join(root, 'exports'));
    const server = new FtpTestServer({ root, readOnly: true });
    return new ExportsFtp(root, server, await server.start());
  }

  get exportDir(): string {
    return join(this.root, 'exports');
  }

  /** Removes every file from /exports. */
  async clear(): Promise<void> {
    await rm(this.exportDir, { recursive: true, force: true });
    await mkdir(this.exportDir);
  }

  /** The settings that point the import at this server. */
  env(): Record<string, string> {
    return {
      CREDIT_PORTFOLIO_FTP_HOST: this.address.host,
      CREDIT_PORTFOLIO_FTP_PORT: String(this.address.port),
      CREDIT_PORTFOLIO_FTP_USER: this.address.user,
      CREDIT_PORTFOLIO_FTP_PASSWORD: this.address.password,
      CREDIT_PORTFOLIO_FTP_DIR: EXPORT_DIR,
      CREDIT_PORTFOLIO_FTP_RETRY_DELAY_MS: '20',
      CREDIT_PORTFOLIO_FTP_TIMEOUT_SECONDS: '5',
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await rm(this.root, { recursive: true, force: true });
  }
}

/** The app with its timers off: runs start only through runNow, as the API does. */
export async function startImportApp(
  env: Record<string, string>,
  db?: TestDatabase,
): Promise<TestApp> {
  return startTestApp({ SCHEDULER_ENABLED: 'false', ...env }, { db });
}

/** Starts the import task through the runner and waits until the run has finished. */
export async function runImport(app: TestApp, timeoutMs = 60_000): Promise<TaskLogEntity> {
  const tasks = app.app.get(ScheduledTaskService);
  const task = await tasks.findByIdOrKey(IMPORT_TASK_KEY);
  const started = await tasks.runNow(task.id);
  if (started.status !== 'started') throw new Error(`run not started: ${started.status}`);
  // `done` settles after the outcome, task status and any retry are recorded, not just the run row.
  await started.done;
  return waitForRun(app, started.runId, timeoutMs);
}

export async function waitForRun(
  app: TestApp,
  runId: string,
  timeoutMs = 60_000,
): Promise<TaskLogEntity> {
  const runs = app.app.get(DataSource).getRepository(TaskLogEntity);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runs.findOneByOrFail({ id: runId });
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const DATA_TABLES = [
  'organizations',
  'org_bank_accounts',
  'credit_contracts',
  'credit_receipts',
  'credit_expenses',
  'credit_expense_details',
] as const;

export type TableCounts = Record<(typeof DATA_TABLES)[number], number>;

export async function tableCounts(app: TestApp): Promise<TableCounts> {
  const dataSource = app.app.get(DataSource);
  const counts = {} as TableCounts;
  for (const table of DATA_TABLES) {
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number((row as { n: number | string }).n);
  }
  return counts;
}

export function ledgerOfRun(app: TestApp, runId: string): Promise<CreditImportFileEntity[]> {
  return app.app
    .get(DataSource)
    .getRepository(CreditImportFileEntity)
    .find({ where: { runId }, order: { id: 'ASC' } });
}

/** Every message logged through Nest loggers (the app's pino output is silent in tests). */
export class LogCapture {
  readonly lines: { level: 'log' | 'warn' | 'error'; message: string }[] = [];
  private readonly spies: jest.SpyInstance[] = [];

  start(): this {
    for (const level of ['log', 'warn', 'error'] as const) {
      this.spies.push(
        jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
          const [first, second] = args;
          // Structured calls pass (fields, message).
          const message = typeof first === 'string' ? first : String(second ?? first);
          this.lines.push({ level, message });
        }),
      );
    }
    return this;
  }

  messages(level?: 'log' | 'warn' | 'error'): string[] {
    return this.lines.filter((line) => !level || line.level === level).map((line) => line.message);
  }

  clear(): void {
    this.lines.length = 0;
  }

  stop(): void {
    for (const spy of this.spies) spy.mockRestore();
  }
}
