import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { format } from 'prettier';
import { writeDayWorkbook } from '../fixtures/credit-portfolio/generate-workbooks';
import { FtpTestServer } from '../simulators/ftp/ftp-server';
import {
  BENCH_TASK_ENV,
  CreditPortfolioBenchResult,
  CreditPortfolioBenchTask,
} from './credit-portfolio-messages';
import {
  CreditPortfolioBenchReport,
  formatReport,
  machine,
  stepFigures,
  verdictsOf,
} from './credit-portfolio-report';
import { prepareWorkerRuntime, WorkerRuntime } from './credit-portfolio-runtime';
import { productionNodeFlags } from './production-node-flags';

const WORKER = join(__dirname, 'credit-portfolio-worker.ts');
const BENCH_DATE = '2026-01-15';

interface Settings {
  rows: number;
  batchSize: number;
  rounds: number;
  /** A MySQL server URL (a throw-away database is created on it) or `sqlite`. */
  database: string;
  runtime: 'compiled' | 'ts-node';
}

function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const positive = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    rows: positive('BENCH_CP_ROWS', 200_000),
    batchSize: positive('BENCH_CP_BATCH', 1000),
    rounds: positive('BENCH_CP_ROUNDS', 3),
    database: (env.BENCH_DATABASE_URL || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, ''),
    runtime: env.BENCH_RUNTIME === 'ts-node' ? 'ts-node' : 'compiled',
  };
}

/**
 * Issue 5's benchmark: one expenses workbook of BENCH_CP_ROWS rows (200,000), imported the way
 * the scheduled task does (download from a loopback FTP server, then hash, stream-parse and
 * write in batches in one transaction), against exceljs alone stream-parsing the same file.
 * Each step runs in its own process for a clean peak RSS, in BENCH_CP_ROUNDS interleaved rounds
 * (3). Targets: peak RSS < 400 MB and import time < 3× the bare parse. Other settings:
 * BENCH_CP_ROWS, BENCH_CP_BATCH (rows per batch, 1000), BENCH_DATABASE_URL (a MySQL server URL,
 * default mysql://root@127.0.0.1:3306, or `sqlite`), BENCH_RUNTIME (compiled | ts-node).
 */
export async function runCreditPortfolioBenchmark(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const workDir = join(tmpdir(), `finsync-bench-credit-portfolio-${stamp}`);
  const exportDir = join(workDir, 'ftp', 'exports');
  mkdirSync(exportDir, { recursive: true });
  const runtime = prepareWorkerRuntime(settings.runtime, WORKER, workDir);
  const server = new FtpTestServer({ root: join(workDir, 'ftp'), readOnly: true });
  let databaseLabel = settings.database;
  try {
    log(`generating a ${settings.rows}-row expenses workbook in ${exportDir}`);
    const generateStarted = performance.now();
    const workbook = await writeDayWorkbook('expenses', {
      outDir: exportDir,
      date: BENCH_DATE,
      rows: settings.rows,
    });
    const generateSeconds = (performance.now() - generateStarted) / 1000;
    const address = await server.start();

    const loadBefore = loadavg()[0];
    const bare: CreditPortfolioBenchResult[] = [];
    const parsed: CreditPortfolioBenchResult[] = [];
    const imported: CreditPortfolioBenchResult[] = [];
    // Interleaved rounds, so load from other processes hits every step alike.
    for (let round = 1; round <= settings.rounds; round++) {
      log(`round ${round}/${settings.rounds}: bare exceljs parse, finsync parser, import`);
      bare.push(await runChild(runtime, { mode: 'bare-parse', path: workbook.path }));
      parsed.push(
        await runChild(runtime, {
          mode: 'parse',
          path: workbook.path,
          batchSize: settings.batchSize,
        }),
      );
      const database = await createDatabase(settings.database, workDir, round);
      try {
        imported.push(
          await runChild(runtime, {
            mode: 'import',
            path: workbook.path,
            batchSize: settings.batchSize,
            databaseUrl: database.url,
            ftp: {
              host: address.host,
              port: address.port,
              user: address.user,
              password: address.password,
              remotePath: `/exports/expenses_${BENCH_DATE}.xlsx`,
            },
          }),
        );
        databaseLabel = database.label;
      } finally {
        await database.drop();
      }
    }

    const bareParse = stepFigures(bare);
    const importFigures = stepFigures(imported);
    const report: CreditPortfolioBenchReport = {
      startedAt: startedAt.toISOString(),
      machine: { ...machine(), loadAverage: [loadBefore, loadavg()[0]] },
      settings: {
        rows: settings.rows,
        batchSize: settings.batchSize,
        rounds: settings.rounds,
        database: databaseLabel,
        runtime: runtime.mode,
      },
      workbook: {
        path: workbook.path,
        sizeMb: statSync(workbook.path).size / 2 ** 20,
        generateSeconds,
      },
      bareParse,
      parse: stepFigures(parsed),
      import: importFigures,
      verdicts: verdictsOf(bareParse, importFigures, settings.rows),
    };
    console.log(`\n${formatReport(report)}\n`);
    const resultsDir = join(__dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `credit-portfolio-${stamp}.json`);
    // Formatted as the repository's Prettier check expects.
    writeFileSync(file, await format(JSON.stringify(report), { parser: 'json' }));
    log(`report written to ${file}`);
    if (report.verdicts.some((verdict) => !verdict.met)) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface BenchDatabase {
  url: string;
  label: string;
  drop(): Promise<void>;
}

async function createDatabase(
  target: string,
  workDir: string,
  round: number,
): Promise<BenchDatabase> {
  if (target === 'sqlite') {
    const path = join(workDir, `bench-${round}.sqlite`);
    return { url: `sqlite:${path}`, label: 'SQLite', drop: async () => undefined };
  }
  const name = `finsync_bench_cp_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: target });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[version]] = (await admin.query('SELECT VERSION() AS version')) as unknown as [
    { version: string }[],
  ];
  await admin.end();
  return {
    url: `${target}/${name}`,
    label: `MySQL-compatible ${version.version}`,
    drop: async () => {
      const dropper = await createConnection({ uri: target });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}

function runChild(
  runtime: WorkerRuntime,
  task: CreditPortfolioBenchTask,
): Promise<CreditPortfolioBenchResult> {
  return new Promise((resolve, reject) => {
    const child = fork(runtime.script, [], {
      execArgv: [...runtime.execArgv, ...productionNodeFlags()],
      env: { ...process.env, [BENCH_TASK_ENV]: JSON.stringify(task) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CreditPortfolioBenchResult | undefined;
    child.on('message', (message) => {
      result = message as CreditPortfolioBenchResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`${task.mode} child exited with ${code} and no result`));
    });
  });
}

function log(message: string): void {
  console.log(`[credit-portfolio bench] ${message}`);
}
