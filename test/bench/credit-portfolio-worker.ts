/**
 * One measured step of the credit-portfolio benchmark, in its own process so that its peak RSS
 * is its own: the bare exceljs stream parse, finsync's parser alone, or the full file import.
 */
import { ENTITIES, MIGRATIONS } from '../../src/database-schema';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SystemClock } from '../../src/core/scheduling/clock';
import { CreditPortfolioFileImporter } from '../../src/credit-portfolio/import/file-importer.service';
import { ImportLedger } from '../../src/credit-portfolio/import/import-ledger.service';
import { detectFileKind, parseWorkbook } from '../../src/credit-portfolio/parsing';
import {
  createDataSource,
  resolveDataSourceOptions,
} from '../../src/infra/database/data-source-options';
import { parseDatabaseUrl } from '../../src/infra/database/database-url';
import { FtpSession, RedactedSecret } from '../../src/infra/ftp';
import {
  BENCH_TASK_ENV,
  CreditPortfolioBenchResult,
  CreditPortfolioBenchTask,
} from './credit-portfolio-messages';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function bareParse(path: string): Promise<Omit<CreditPortfolioBenchResult, 'peakRssMb'>> {
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      if (Array.isArray(row.values)) rows++;
    }
  }
  return { mode: 'bare-parse', ms: performance.now() - started, rows };
}

async function parseOnly(
  path: string,
  batchSize: number,
): Promise<Omit<CreditPortfolioBenchResult, 'peakRssMb'>> {
  const kind = detectFileKind(path)?.kind ?? 'expenses';
  const started = performance.now();
  const parse = parseWorkbook(path, kind, { batchSize });
  let rows = 0;
  for await (const batch of parse) rows += batch.length;
  return {
    mode: 'parse',
    ms: performance.now() - started,
    rows,
    problems: parse.problemCount,
  };
}

async function importFile(
  task: Extract<CreditPortfolioBenchTask, { mode: 'import' }>,
): Promise<Omit<CreditPortfolioBenchResult, 'peakRssMb'>> {
  Logger.overrideLogger(['error']);
  const options = await resolveDataSourceOptions(parseDatabaseUrl(task.databaseUrl), {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
  });
  const dataSource = await createDataSource(options).initialize();
  try {
    let localPath = task.path;
    let downloadMs: number | undefined;
    if (task.ftp) {
      const downloadStarted = performance.now();
      const session = await FtpSession.open(
        {
          host: task.ftp.host,
          port: task.ftp.port,
          user: task.ftp.user,
          password: new RedactedSecret(task.ftp.password),
          secure: false,
          timeoutMs: 30_000,
          retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
        },
        { logger: quiet },
      );
      localPath = join(dirname(task.path), `downloaded-${basename(task.path)}`);
      await session.download(task.ftp.remotePath, localPath);
      session.close();
      downloadMs = performance.now() - downloadStarted;
    }
    const detected = detectFileKind(task.path);
    if (!detected) throw new Error(`${task.path} is not a day file name`);
    const importer = new CreditPortfolioFileImporter(
      dataSource,
      new ImportLedger(dataSource),
      new SystemClock(),
    );
    const started = performance.now();
    const outcome = await importer.importFile(
      {
        name: basename(task.path),
        path: `/exports/${basename(task.path)}`,
        size: statSync(localPath).size,
        modifiedAt: null,
        ...detected,
        localPath,
      },
      { departmentId: 8, runId: null, logger: quiet, batchSize: task.batchSize },
    );
    return {
      mode: 'import',
      ms: performance.now() - started,
      rows: outcome.rowsImported,
      downloadMs,
      status: outcome.status,
      problems: outcome.problemCount,
    };
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const task = JSON.parse(process.env[BENCH_TASK_ENV] ?? 'null') as CreditPortfolioBenchTask;
  const measured =
    task.mode === 'bare-parse'
      ? await bareParse(task.path)
      : task.mode === 'parse'
        ? await parseOnly(task.path, task.batchSize)
        : await importFile(task);
  const result: CreditPortfolioBenchResult = {
    ...measured,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.send?.(result, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
