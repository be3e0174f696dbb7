import request from 'supertest';
import { DataSource } from 'typeorm';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { ErrorReport } from '../../../src/credit-portfolio/import/error-report';
import {
  BrokenWorkbook,
  writeCorruptWorkbook,
  writeDetailsWithTotalMismatch,
  writeWorkbookWithBadInn,
  writeWorkbookWithMissingColumn,
} from '../../fixtures/credit-portfolio/broken-workbooks';
import { writeDayWorkbook } from '../../fixtures/credit-portfolio/generate-workbooks';
import { FileKind } from '../../../src/credit-portfolio/parsing';
import { TestApp } from '../../utils/test-app';
import {
  ExportsFtp,
  ledgerOfRun,
  LogCapture,
  runImport,
  startImportApp,
  tableCounts,
} from '../../kits/credit-portfolio-kit';

const SMALL = 40;
// Past the first two 1,000-row batches, so rows were already written when the defect shows up.
const LARGE = 2500;
const LATE_ROW = 2300;

const DAY = {
  corrupt: '2026-02-01',
  missingColumn: '2026-02-02',
  lateBadInn: '2026-02-03',
  lateTotalMismatch: '2026-02-04',
  badExpenses: '2026-02-05',
};

describe('credit-portfolio import of bad files', () => {
  let ftp: ExportsFtp;
  let t: TestApp;
  const broken = new Map<string, BrokenWorkbook>();
  const logs = new LogCapture();

  const good = (kind: FileKind, date: string, rows = SMALL): Promise<unknown> =>
    writeDayWorkbook(kind, { outDir: ftp.exportDir, date, rows });
  const name = (kind: FileKind, date: string): string => `${kind}_${date}.xlsx`;
  const options = (kind: FileKind, date: string, rows = SMALL) => ({
    outDir: ftp.exportDir,
    date,
    rows,
    fileName: name(kind, date),
  });

  beforeAll(async () => {
    ftp = await ExportsFtp.start();
    broken.set(
      DAY.corrupt,
      await writeCorruptWorkbook('receipts', 'truncated', options('receipts', DAY.corrupt)),
    );
    await good('expenses', DAY.corrupt);
    await good('expense_details', DAY.corrupt);

    broken.set(
      DAY.missingColumn,
      await writeWorkbookWithMissingColumn(
        'receipts',
        'БИК',
        options('receipts', DAY.missingColumn),
      ),
    );
    await good('expenses', DAY.missingColumn);
    await good('expense_details', DAY.missingColumn);

    broken.set(
      DAY.lateBadInn,
      await writeWorkbookWithBadInn(
        'receipts',
        LATE_ROW,
        options('receipts', DAY.lateBadInn, LARGE),
      ),
    );
    await good('expenses', DAY.lateBadInn);
    await good('expense_details', DAY.lateBadInn);

    await good('receipts', DAY.lateTotalMismatch);
    await good('expenses', DAY.lateTotalMismatch, LARGE);
    broken.set(
      DAY.lateTotalMismatch,
      await writeDetailsWithTotalMismatch(
        LATE_ROW,
        options('expense_details', DAY.lateTotalMismatch, LARGE),
      ),
    );

    await good('receipts', DAY.badExpenses);
    broken.set(
      DAY.badExpenses,
      await writeWorkbookWithBadInn('expenses', 3, options('expenses', DAY.badExpenses)),
    );
    await good('expense_details', DAY.badExpenses);

    t = await startImportApp(ftp.env());
  });

  afterAll(async () => {
    logs.stop();
    await t?.close();
    await ftp?.stop();
  });

  let ledger: CreditImportFileEntity[];
  const entry = (kind: FileKind, date: string): CreditImportFileEntity => {
    const found = ledger.find((item) => item.fileName === name(kind, date));
    if (!found) throw new Error(`no ledger entry for ${name(kind, date)}`);
    return found;
  };
  const report = (kind: FileKind, date: string): ErrorReport =>
    entry(kind, date).errorReport as ErrorReport;

  it('fails the bad files, imports the others, and fails the run with the count', async () => {
    logs.start();
    const run = await runImport(t);
    ledger = await ledgerOfRun(t, run.id);

    expect(ledger.map((item) => `${item.fileName}:${item.status}`)).toEqual([
      `${name('receipts', DAY.corrupt)}:failed`,
      `${name('expenses', DAY.corrupt)}:imported`,
      `${name('expense_details', DAY.corrupt)}:imported`,
      `${name('receipts', DAY.missingColumn)}:failed`,
      `${name('expenses', DAY.missingColumn)}:imported`,
      `${name('expense_details', DAY.missingColumn)}:imported`,
      `${name('receipts', DAY.lateBadInn)}:failed`,
      `${name('expenses', DAY.lateBadInn)}:imported`,
      `${name('expense_details', DAY.lateBadInn)}:imported`,
      `${name('receipts', DAY.lateTotalMismatch)}:imported`,
      `${name('expenses', DAY.lateTotalMismatch)}:imported`,
      `${name('expense_details', DAY.lateTotalMismatch)}:failed`,
      `${name('receipts', DAY.badExpenses)}:imported`,
      `${name('expenses', DAY.badExpenses)}:failed`,
      `${name('expense_details', DAY.badExpenses)}:failed`,
    ]);
    expect(run.status).toBe('partial');
    expect(run).toMatchObject({
      itemsTotal: 15,
      itemsSucceeded: 9,
      itemsFailed: 6,
      itemsSkipped: 0,
    });
    // A rejected workbook stays rejected until replaced: no retry of these files.
    expect(run.retryItems).toEqual([]);
    expect(run.errorMessage).toBe('9/15 files imported, 6 failed');
    expect(run.details).toMatchObject({ files_imported: 9, files_failed: 6, files_skipped: 0 });
    expect(logs.messages('warn')).toContain(
      'Scheduled import completed: 9/15 files imported, 6 failed',
    );
    expect(logs.messages()).toContain('Invalidated analytics cache after importing 9 files');
  });

  it('reports a corrupt workbook as unreadable, for the whole file', () => {
    const { problems, problem_count } = report('receipts', DAY.corrupt);
    expect(problem_count).toBe(1);
    expect(problems[0]).toMatchObject({
      ...broken.get(DAY.corrupt)!.expected,
      code: 'unreadable',
    });
    expect(problems[0].message).toMatch(/^the workbook cannot be read: /);
    expect(entry('receipts', DAY.corrupt).errorMessage).toMatch(
      /^receipts_2026-02-01\.xlsx rejected: Поступления: the workbook cannot be read: /,
    );
  });

  it('reports a missing column at the header row', () => {
    expect(report('receipts', DAY.missingColumn)).toEqual({
      problem_count: 1,
      truncated: false,
      sheet_read: {
        name: 'Поступления',
        preferred: true,
        reason: 'the sheet is named "Поступления"',
      },
      problems: [
        {
          ...broken.get(DAY.missingColumn)!.expected,
          message: 'required column "БИК" is missing from the header row',
          code: 'missing_column',
        },
      ],
    });
    expect(broken.get(DAY.missingColumn)!.expected).toEqual({
      sheet: 'Поступления',
      row: 5,
      column: 'БИК',
    });
  });

  it('reports a bad ИНН at its row and column, even past the rows already written', () => {
    const { problems, problem_count } = report('receipts', DAY.lateBadInn);
    expect(problem_count).toBe(1);
    expect(problems[0]).toMatchObject({
      ...broken.get(DAY.lateBadInn)!.expected,
      code: 'invalid_value',
    });
    expect(problems[0].message).toMatch(/^"\d{10}(\d{2})?" has a wrong check digit$/);
    // Every data row read counts, the bad one too.
    expect(entry('receipts', DAY.lateBadInn).rowsRead).toBe(LARGE);
  });

  it('reports a detail whose Итого is not the sum of its parts', () => {
    const { problems, problem_count } = report('expense_details', DAY.lateTotalMismatch);
    expect(problem_count).toBe(1);
    expect(problems[0]).toMatchObject({
      ...broken.get(DAY.lateTotalMismatch)!.expected,
      code: 'total_mismatch',
    });
    expect(problems[0].message).toMatch(
      /^[\d.]+ differs from Основной долг \+ Проценты \+ Комиссия = [\d.]+$/,
    );
  });

  it('fails the details of a rejected expenses file, row by row', () => {
    expect(report('expenses', DAY.badExpenses).problems[0]).toMatchObject(
      broken.get(DAY.badExpenses)!.expected,
    );
    const details = report('expense_details', DAY.badExpenses);
    expect(details.problem_count).toBe(SMALL);
    expect(details.problems[0]).toMatchObject({
      sheet: 'Расшифровка',
      row: 6,
      column: 'Номер платежа',
      code: 'unknown_payment',
    });
    expect(details.problems[0].message).toMatch(
      /^no expense with Номер платежа "260205000001" and Договор ".+"$/,
    );
  });

  it('stores nothing of a failed file and everything of the others', async () => {
    const counts = await tableCounts(t);
    // receipts: days 4 and 5; expenses: days 1-4; details: days 1-3.
    expect(counts.credit_receipts).toBe(2 * SMALL);
    expect(counts.credit_expenses).toBe(3 * SMALL + LARGE);
    expect(counts.credit_expense_details).toBe(3 * SMALL);
    const dataSource = t.app.get(DataSource);
    for (const item of ledger.filter((file) => file.status === 'failed')) {
      expect(item.importedSha256).toBeNull();
      expect(item.rowsImported).toBe(0);
      for (const table of ['credit_receipts', 'credit_expenses', 'credit_expense_details']) {
        const [row] = await dataSource.query(
          `SELECT COUNT(*) AS n FROM ${table} WHERE import_file_id = ?`,
          [item.id],
        );
        expect(Number(row.n)).toBe(0);
      }
    }
  });

  it('lists the failed files with their reports through the API', async () => {
    const runId = ledger[0].runId;
    const res = await request(t.app.getHttpServer())
      .get(`/api/v1/credit-portfolio/imports?status=failed&run_id=${runId}`)
      .set('Authorization', `Bearer ${t.tokenFor('admin')}`)
      .expect(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.items).toHaveLength(6);
    const missingColumn = res.body.items.find(
      (item: { file_name: string }) => item.file_name === name('receipts', DAY.missingColumn),
    );
    expect(missingColumn).toMatchObject({
      status: 'failed',
      rows_imported: 0,
      problem_count: 1,
      error_message:
        'receipts_2026-02-02.xlsx rejected: Поступления, row 5, БИК: required column "БИК" is missing from the header row',
      error_report: {
        problem_count: 1,
        truncated: false,
        problems: [
          {
            sheet: 'Поступления',
            row: 5,
            column: 'БИК',
            message: 'required column "БИК" is missing from the header row',
            code: 'missing_column',
          },
        ],
      },
    });
  });

  it('tries the failed files again on the next run and leaves the imported ones be', async () => {
    const run = await runImport(t);
    expect(run.details).toMatchObject({
      files_found: 15,
      files_downloaded: 6,
      files_unchanged: 9,
      files_failed: 6,
    });
    const again = await ledgerOfRun(t, run.id);
    expect(again.map((item) => item.status)).toEqual(Array(6).fill('failed'));
  });
});
