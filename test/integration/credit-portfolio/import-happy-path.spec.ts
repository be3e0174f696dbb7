import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, utimes } from 'node:fs/promises';
import { basename } from 'node:path';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { RunItemReporter } from '../../../src/core/scheduling/run-items';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { CreditPortfolioImportService } from '../../../src/credit-portfolio/import/credit-portfolio-import.service';
import { TempDirectory } from '../../../src/infra/ftp';
import {
  addDecimals,
  fromScaledInteger,
  parseWorkbookFully,
  toScaledInteger,
} from '../../../src/credit-portfolio/parsing';
import {
  addDays,
  DEFAULT_START_DATE,
  GeneratedWorkbook,
  generateWorkbooks,
} from '../../fixtures/credit-portfolio/generate-workbooks';
import { TestApp } from '../../utils/test-app';
import {
  ExportsFtp,
  ledgerOfRun,
  LogCapture,
  runImport,
  startImportApp,
  tableCounts,
} from '../../kits/credit-portfolio-kit';

const ROWS = 300;

describe('credit-portfolio import from a real FTP server', () => {
  let ftp: ExportsFtp;
  let t: TestApp;
  let firstDay: GeneratedWorkbook[];
  const logs = new LogCapture();

  beforeAll(async () => {
    ftp = await ExportsFtp.start();
    firstDay = await generateWorkbooks({ outDir: ftp.exportDir, days: 1, rowsPerFile: ROWS });
    t = await startImportApp(ftp.env());
  });

  afterAll(async () => {
    logs.stop();
    await t?.close();
    await ftp?.stop();
  });

  beforeEach(() => logs.clear());

  it('imports a day of three files, in order, and says so in the operators’ log wording', async () => {
    logs.start();
    const tempDirs: string[] = [];
    const create = TempDirectory.create.bind(TempDirectory);
    const spy = jest.spyOn(TempDirectory, 'create').mockImplementation(async (prefix) => {
      const dir = await create(prefix);
      tempDirs.push(dir.path);
      return dir;
    });
    const run = await runImport(t);
    spy.mockRestore();

    expect(run.status).toBe('completed');
    expect(run.errorMessage).toBeNull();
    // Each day file is an item of the run.
    expect(run).toMatchObject({
      itemsTotal: 3,
      itemsSucceeded: 3,
      itemsFailed: 0,
      itemsSkipped: 0,
    });
    expect(run.details).toMatchObject({
      department_id: 8,
      files_found: 3,
      files_downloaded: 3,
      files_imported: 3,
      files_skipped: 0,
      files_failed: 0,
      rows_imported: 3 * ROWS,
      failed_files: [],
    });

    const ledger = await ledgerOfRun(t, run.id);
    expect(ledger.map((entry) => [entry.fileName, entry.status, entry.rowsImported])).toEqual([
      [`receipts_${DEFAULT_START_DATE}.xlsx`, 'imported', ROWS],
      [`expenses_${DEFAULT_START_DATE}.xlsx`, 'imported', ROWS],
      [`expense_details_${DEFAULT_START_DATE}.xlsx`, 'imported', ROWS],
    ]);
    for (const [index, entry] of ledger.entries()) {
      const bytes = await readFile(firstDay[index].path);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.importedSha256).toBe(entry.sha256);
      expect(entry.sizeBytes).toBe(bytes.length);
      expect(entry.remoteModifiedAt).toBeInstanceOf(Date);
      expect(entry.errorReport).toBeNull();
      expect(entry.departmentId).toBe(8);
    }

    const counts = await tableCounts(t);
    expect(counts).toMatchObject({
      credit_receipts: ROWS,
      credit_expenses: ROWS,
      credit_expense_details: ROWS,
    });
    expect(counts.organizations).toBeGreaterThan(0);
    expect(counts.org_bank_accounts).toBe(counts.organizations);

    const messages = logs.messages();
    const order = [
      'Downloaded 3 files from FTP',
      'Importing credit portfolio for Finance department (ID=8)',
      'Invalidated analytics cache after importing 3 files',
      'Scheduled import completed: 3/3 files imported, 0 failed',
    ].map((line) => messages.indexOf(line));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(logs.messages().join('\n')).not.toContain(ftp.address.password);

    expect(tempDirs).toHaveLength(1);
    expect(existsSync(tempDirs[0])).toBe(false);
  });

  it('stores the amounts exactly: the summary adds up to the files’ totals', async () => {
    const [receipts, expenses, details] = firstDay;
    const parsedDetails = await parseWorkbookFully(details.path, 'expense_details');
    const res = await request(t.app.getHttpServer())
      .get('/api/v1/credit-portfolio/summary?department_id=8')
      .set('Authorization', `Bearer ${t.tokenFor('admin')}`)
      .expect(200);
    const [rub, ...others] = res.body.totals;
    expect(others).toEqual([]);
    const principal = addDecimals(...parsedDetails.rows.map((row) => row.principal));
    const interest = addDecimals(...parsedDetails.rows.map((row) => row.interest));
    const fee = addDecimals(...parsedDetails.rows.map((row) => row.fee));
    expect(rub.currency).toBe('RUB');
    expect(decimal(rub.received)).toBe(receipts.totalAmount);
    expect(decimal(rub.repaid.total)).toBe(expenses.totalAmount);
    expect(decimal(rub.repaid.principal)).toBe(principal);
    expect(decimal(rub.repaid.interest)).toBe(interest);
    expect(decimal(rub.repaid.fee)).toBe(fee);
    expect(decimal(rub.outstanding_principal)).toBe(
      fromScaledInteger(toScaledInteger(receipts.totalAmount) - toScaledInteger(principal)),
    );
    expect(res.body.counts).toMatchObject({
      receipts: ROWS,
      expenses: ROWS,
      expense_details: ROWS,
      imported_files: 3,
    });
    expect(res.body.as_of).toBe(DEFAULT_START_DATE);
  });

  it('downloads nothing on a second run over the same directory: each entry is marked seen', async () => {
    logs.start();
    const before = await tableCounts(t);
    const ledgerBefore = await allLedger(t);
    const run = await runImport(t);
    expect(run.status).toBe('completed');
    expect(run).toMatchObject({ itemsTotal: 3, itemsSucceeded: 0, itemsSkipped: 3 });
    expect(run.details).toMatchObject({
      files_found: 3,
      files_downloaded: 0,
      files_imported: 0,
      files_skipped: 0,
      files_unchanged: 3,
      files_failed: 0,
    });
    expect(await ledgerOfRun(t, run.id)).toEqual([]);
    const ledgerAfter = await allLedger(t);
    expect(ledgerAfter.map((entry) => [entry.id, entry.status])).toEqual(
      ledgerBefore.map((entry) => [entry.id, entry.status]),
    );
    for (const [index, entry] of ledgerAfter.entries()) {
      expect(entry.lastSeenAt!.getTime()).toBeGreaterThan(
        ledgerBefore[index].lastSeenAt!.getTime(),
      );
    }
    expect(await tableCounts(t)).toEqual(before);
    expect(logs.messages()).toContain(
      'Scheduled import completed: 0/3 files imported, 0 failed, 3 unchanged',
    );
    expect(logs.messages().some((line) => line.startsWith('Invalidated analytics cache'))).toBe(
      false,
    );
  });

  it('downloads a file whose listing changed but marks its entry seen when the content is the same', async () => {
    const [receipts] = firstDay;
    const touched = new Date(Date.now() - 3_600_000);
    await utimes(receipts.path, touched, touched);
    const [entryBefore] = await allLedger(t);
    const run = await runImport(t);
    expect(run.details).toMatchObject({
      files_downloaded: 1,
      files_imported: 0,
      files_skipped: 0,
      files_unchanged: 3,
    });
    expect(await ledgerOfRun(t, run.id)).toEqual([]);
    const [entryAfter] = await allLedger(t);
    expect(entryAfter.id).toBe(entryBefore.id);
    expect(entryAfter.remoteModifiedAt!.getTime()).not.toBe(
      entryBefore.remoteModifiedAt!.getTime(),
    );
    // The entry now holds the new listing, so the run after that downloads nothing.
    expect((await runImport(t)).details).toMatchObject({
      files_downloaded: 0,
      files_unchanged: 3,
    });
  });

  it('imports only the new day when the next day’s files arrive', async () => {
    await generateWorkbooks({
      outDir: ftp.exportDir,
      days: 1,
      rowsPerFile: ROWS,
      startDate: addDays(DEFAULT_START_DATE, 1),
    });
    const run = await runImport(t);
    expect(run.details).toMatchObject({
      files_downloaded: 3,
      files_imported: 3,
      files_unchanged: 3,
      files_failed: 0,
    });
    const ledger = await ledgerOfRun(t, run.id);
    expect(ledger.map((entry) => `${entry.fileDate}:${entry.fileKind}:${entry.status}`)).toEqual([
      '2026-01-16:receipts:imported',
      '2026-01-16:expenses:imported',
      '2026-01-16:expense_details:imported',
    ]);
    expect(await tableCounts(t)).toMatchObject({
      credit_receipts: 2 * ROWS,
      credit_expenses: 2 * ROWS,
      credit_expense_details: 2 * ROWS,
    });
  });

  it('reports its progress file by file: the total first, then each file as it is imported', async () => {
    const reported: string[] = [];
    const items: RunItemReporter = {
      setTotal: (total) => reported.push(`total ${total}`),
      working: (label) => reported.push(`working ${label}`),
      finished: (id, outcome) => reported.push(`${outcome} ${id}`),
    };
    const result = await t.app.get(CreditPortfolioImportService).run({
      runId: null,
      trigger: 'manual',
      logger: new Logger('test'),
      items,
    });
    expect(result.outcome).toBe('finished');
    // Two days are on the server by now, all imported and unchanged: the listing tells, so each
    // file counts as skipped without being downloaded.
    const names = firstDay.map((workbook) => basename(workbook.path));
    expect(reported[0]).toBe('total 6');
    expect(reported.slice(1)).toHaveLength(6);
    expect(reported.slice(1).every((line) => line.startsWith('skipped '))).toBe(true);
    for (const name of names) expect(reported).toContain(`skipped ${name}`);
  });
});

function allLedger(app: TestApp): Promise<CreditImportFileEntity[]> {
  return app.app
    .get(DataSource)
    .getRepository(CreditImportFileEntity)
    .find({ order: { id: 'ASC' } });
}

/** The API pads amounts to two decimals; the generator gives the canonical form. */
function decimal(amount: string): string {
  return addDecimals(amount);
}
