import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { ErrorReport } from '../../../src/credit-portfolio/import/error-report';
import { HandCell, writeHandBuiltWorkbook } from '../../fixtures/credit-portfolio/hand-built-xlsx';
import {
  companyInn,
  HandmadeDetail,
  HandmadeExpense,
  HandmadeReceipt,
  writeExpenseDetails,
  writeExpenses,
  writeReceipts,
} from '../../fixtures/credit-portfolio/handmade-workbooks';
import { TestApp } from '../../utils/test-app';
import {
  ExportsFtp,
  ledgerOfRun,
  LogCapture,
  runImport,
  startImportApp,
  tableCounts,
} from '../../kits/credit-portfolio-kit';

const DAY = '2025-03-21';
const INN = companyInn('770708389');
const LEADING_ZERO_INN = companyInn('010501234');
const ACCOUNT = '40702810400000001234';
const BIC = '044525225';

const receipt = (amount: string): HandmadeReceipt => ({
  date: DAY,
  organization: 'ООО «Ромашка»',
  inn: INN,
  bank: 'ПАО Сбербанк',
  bic: BIC,
  account: ACCOUNT,
  contract: 'КД-1',
  amount,
});
const expense = (paymentNo: string, amount: string): HandmadeExpense => ({
  date: DAY,
  organization: 'ООО «Ромашка»',
  inn: INN,
  account: ACCOUNT,
  contract: 'КД-1',
  paymentNo,
  amount,
  kind: 'Основной долг',
});
const detail = (paymentNo: string, amount: string): HandmadeDetail => ({
  paymentNo,
  date: DAY,
  contract: 'КД-1',
  principal: amount,
  interest: '0',
  fee: '0',
  total: amount,
});

// Excel serials: 45738 = 22.03.2025; 46047 = 25.01.2026, what `01/25` becomes when a spreadsheet
// opened in January 2026 reads it as a date.
const title = (text: string): HandCell[] => [text, null, null, null, null, null, null, null];
const HEADER: HandCell[] = [
  'Дата',
  'Организация',
  'ИНН',
  'Банк',
  'БИК',
  'Расчетный счет',
  'Договор',
  'Сумма',
];
const handRow = (date: HandCell, inn: string, contract: HandCell, amount: HandCell): HandCell[] => [
  date,
  'АО «Лютик»',
  inn,
  'ПАО Сбербанк',
  BIC,
  '40702810400000005678',
  contract,
  amount,
];

describe('credit-portfolio import of corrected and bent files', () => {
  let ftp: ExportsFtp;
  let t: TestApp;
  const logs = new LogCapture();
  const file = (name: string): string => join(ftp.exportDir, name);

  beforeAll(async () => {
    ftp = await ExportsFtp.start();
    await writeReceipts(ftp.exportDir, `receipts_${DAY}.xlsx`, [
      receipt('100,00'),
      receipt('200,00'),
      receipt('300,00'),
      receipt('400,00'),
    ]);
    firstReceiptsBytes = await readFile(file(`receipts_${DAY}.xlsx`));
    await writeExpenses(ftp.exportDir, `expenses_${DAY}.xlsx`, [
      expense('P1', '50,00'),
      expense('P2', '70,00'),
    ]);
    await writeExpenseDetails(ftp.exportDir, `expense_details_${DAY}.xlsx`, [
      detail('P1', '50,00'),
      detail('P2', '70,00'),
    ]);
    // Converted from CSV: the only sheet is named after the file.
    await writeHandBuiltWorkbook(file('receipts_2025-03-22.xlsx'), [
      {
        name: 'receipts_2025-03-22',
        merges: ['A1:H1'],
        rows: [
          title('АО «Лютик»: поступления за 22.03.2025'),
          null,
          HEADER,
          handRow({ number: 45738, format: 'date' }, LEADING_ZERO_INN, 'КД-7', {
            number: 1234.56,
            format: 'money',
          }),
          // 12 345 678 901 234,56 as a spreadsheet keeps it: 15 digits, the kopecks gone.
          handRow(
            { number: 45738, format: 'date' },
            LEADING_ZERO_INN,
            { number: 46047, format: 'date' },
            {
              number: 12345678901234.6,
              format: 'money',
            },
          ),
          handRow('31.02.2025', LEADING_ZERO_INN, 'КД-7', { number: 10, format: 'money' }),
        ],
      },
    ]);
    await writeHandBuiltWorkbook(file('receipts_2025-03-23.xlsx'), [
      { name: 'Сводка', rows: [['Итого за день'], [{ number: 98765432111.22, format: 'money' }]] },
      {
        name: 'Поступления',
        merges: ['A1:H1', 'A2:H2'],
        rows: [
          title('АО «Лютик»'),
          title('Поступления за 23.03.2025'),
          null,
          HEADER,
          handRow({ number: 45739, format: 'date' }, LEADING_ZERO_INN, 'КД-8', {
            number: 98765432109.99,
            format: 'money',
          }),
          null,
          handRow({ number: 45739, format: 'date' }, LEADING_ZERO_INN, '01/25', {
            number: 1.23,
            format: 'money',
          }),
          [
            'Итого',
            null,
            null,
            null,
            null,
            null,
            null,
            { formula: 'SUM(H5:H7)', result: 98765432111.22 },
          ],
        ],
      },
    ]);
    t = await startImportApp(ftp.env());
  });

  afterAll(async () => {
    logs.stop();
    await t?.close();
    await ftp?.stop();
  });

  const ledger = (): Promise<CreditImportFileEntity[]> =>
    t.app
      .get(DataSource)
      .getRepository(CreditImportFileEntity)
      .find({ order: { id: 'ASC' } });
  const summary = async (): Promise<{ cache: string; received: string }> => {
    const res = await request(t.app.getHttpServer())
      .get('/api/v1/credit-portfolio/summary?department_id=8')
      .set('Authorization', `Bearer ${t.tokenFor('admin')}`)
      .expect(200);
    return { cache: String(res.headers['x-cache']), received: res.body.totals[0]?.received };
  };
  const receiptAmounts = async (contract: string): Promise<string[]> => {
    const rows: { amount: string | number }[] = await t.app.get(DataSource).query(
      `SELECT r.amount FROM credit_receipts r JOIN credit_contracts c ON c.id = r.contract_id
        WHERE c.contract_number = ? ORDER BY r.seq`,
      [contract],
    );
    return rows.map((row) => Number(row.amount).toFixed(2));
  };

  let first: CreditImportFileEntity[];
  let firstReceiptsBytes: Buffer;

  it('imports the first versions and the hand-built workbook, and rejects the bent one', async () => {
    const run = await runImport(t);
    first = await ledgerOfRun(t, run.id);
    expect(first.map((entry) => `${entry.fileName}:${entry.status}`)).toEqual([
      `receipts_${DAY}.xlsx:imported`,
      `expenses_${DAY}.xlsx:imported`,
      `expense_details_${DAY}.xlsx:imported`,
      'receipts_2025-03-22.xlsx:failed',
      'receipts_2025-03-23.xlsx:imported',
    ]);
    expect(await receiptAmounts('КД-1')).toEqual(['100.00', '200.00', '300.00', '400.00']);
    expect((await summary()).cache).toBe('MISS');
    expect((await summary()).cache).toBe('HIT');
  });

  it('reads a second writer’s shared strings, serial dates, merged title and formula total', async () => {
    const stored: { receipt_date: unknown; amount: string | number; inn: string }[] = await t.app
      .get(DataSource)
      .query(
        `SELECT r.receipt_date, r.amount, o.inn FROM credit_receipts r
           JOIN credit_contracts c ON c.id = r.contract_id
           JOIN organizations o ON o.id = r.organization_id
          WHERE c.contract_number = 'КД-8'`,
      );
    expect(stored).toHaveLength(1);
    const date = stored[0].receipt_date;
    expect(date instanceof Date ? date.toISOString() : String(date)).toMatch(/^2025-03-23/);
    expect(Number(stored[0].amount).toFixed(2)).toBe('98765432109.99');
    expect(stored[0].inn).toBe(LEADING_ZERO_INN);
    // Typed as text, `01/25` stays text.
    expect(await receiptAmounts('01/25')).toEqual(['1.23']);
  });

  it('rejects an amount a number cell cannot keep and text turned into a date, naming the cells', () => {
    const bent = first.find((entry) => entry.fileName === 'receipts_2025-03-22.xlsx')!;
    const report = bent.errorReport as unknown as ErrorReport;
    const sheet = 'receipts_2025-03-22';
    expect(report.problems).toEqual([
      {
        sheet,
        row: 5,
        column: 'Договор',
        message:
          'stored as a date (25.01.2026, serial 46047), not as the text it was: format the column as text and enter the value again',
        code: 'invalid_value',
      },
      {
        sheet,
        row: 5,
        column: 'Сумма',
        message:
          '12345678901234.6 is stored as a number too large to keep its kopecks (a number cell keeps 15 significant digits); store the amount as text',
        code: 'invalid_value',
      },
      {
        sheet,
        row: 6,
        column: 'Дата',
        message: '"31.02.2025" is not a valid calendar date',
        code: 'invalid_value',
      },
    ]);
    // Every data row read counts, the valid one and the two bad ones.
    expect(bent.rowsRead).toBe(3);
    expect(bent.rowsImported).toBe(0);
  });

  it('says which sheet it read and why when the kind’s sheet is missing', () => {
    const bent = first.find((entry) => entry.fileName === 'receipts_2025-03-22.xlsx')!;
    const reason =
      'no sheet is named "Поступления", so the first sheet was read (the workbook has "receipts_2025-03-22")';
    expect((bent.errorReport as unknown as ErrorReport).sheet_read).toEqual({
      name: 'receipts_2025-03-22',
      preferred: false,
      reason,
    });
    expect(bent.errorMessage).toBe(
      'receipts_2025-03-22.xlsx rejected: receipts_2025-03-22, row 5, Договор: stored as a date (25.01.2026, serial 46047), not as the text it was: format the column as text and enter the value again' +
        ` (and 2 more) (${reason})`,
    );
  });

  it('replaces a corrected day: dropped rows go, the ledger links the versions, the summary is recomputed', async () => {
    await writeReceipts(ftp.exportDir, `receipts_${DAY}.xlsx`, [
      receipt('100,00'),
      receipt('250,00'),
      receipt('300,00'),
    ]);
    await writeExpenses(ftp.exportDir, `expenses_${DAY}.xlsx`, [expense('P1', '50,00')]);
    await writeExpenseDetails(ftp.exportDir, `expense_details_${DAY}.xlsx`, [
      detail('P1', '50,00'),
    ]);
    const later = new Date(Date.now() + 60_000);
    for (const kind of ['receipts', 'expenses', 'expense_details']) {
      await utimes(file(`${kind}_${DAY}.xlsx`), later, later);
    }
    logs.start();
    const run = await runImport(t);
    expect(run.details).toMatchObject({
      files_downloaded: 4,
      files_imported: 3,
      files_unchanged: 1,
      files_failed: 1,
      rows_removed: 2,
    });
    const second = await ledgerOfRun(t, run.id);
    const byName = (entries: CreditImportFileEntity[], name: string): CreditImportFileEntity =>
      entries.find((entry) => entry.fileName === name)!;

    const newReceipts = byName(second, `receipts_${DAY}.xlsx`);
    const oldReceipts = byName(first, `receipts_${DAY}.xlsx`);
    expect(newReceipts).toMatchObject({
      status: 'imported',
      rowsImported: 3,
      rowsRemoved: 1,
      supersedesImportId: oldReceipts.id,
    });
    expect(await receiptAmounts('КД-1')).toEqual(['100.00', '250.00', '300.00']);

    const newExpenses = byName(second, `expenses_${DAY}.xlsx`);
    expect(newExpenses).toMatchObject({
      rowsRemoved: 1,
      supersedesImportId: byName(first, `expenses_${DAY}.xlsx`).id,
    });
    // P2's breakdown went with P2; the corrected details file then had nothing left to remove.
    expect(byName(second, `expense_details_${DAY}.xlsx`)).toMatchObject({
      status: 'imported',
      rowsRemoved: 0,
      supersedesImportId: byName(first, `expense_details_${DAY}.xlsx`).id,
    });
    expect(await tableCounts(t)).toMatchObject({
      credit_receipts: 3 + 2,
      credit_expenses: 1,
      credit_expense_details: 1,
    });
    expect(logs.messages()).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Imported expenses_${DAY}\\.xlsx: 1 rows in [\\d.]+ s, replacing ledger entry ${byName(first, `expenses_${DAY}.xlsx`).id} \\(1 rows no longer in the file removed, with the 1 expense details of them\\)$`,
        ),
      ),
    );

    const all = await ledger();
    const old = all.filter(
      (entry) =>
        first.some((item) => item.id === entry.id) && entry.fileName.endsWith(`${DAY}.xlsx`),
    );
    expect(old.map((entry) => [entry.status, entry.importedSha256])).toEqual([
      ['superseded', null],
      ['superseded', null],
      ['superseded', null],
    ]);
    expect(
      all
        .filter((entry) => entry.status === 'imported')
        .map((entry) => entry.fileName)
        .sort(),
    ).toEqual([
      `expense_details_${DAY}.xlsx`,
      `expenses_${DAY}.xlsx`,
      `receipts_${DAY}.xlsx`,
      'receipts_2025-03-23.xlsx',
    ]);

    const after = await summary();
    expect(after.cache).toBe('MISS');
    expect(Number(after.received).toFixed(2)).toBe((650 + 98765432109.99 + 1.23).toFixed(2));
  });

  it('imports the first version again when its very bytes come back, since its hash was freed', async () => {
    await writeFile(file(`receipts_${DAY}.xlsx`), firstReceiptsBytes);
    const latest = new Date(Date.now() + 120_000);
    await utimes(file(`receipts_${DAY}.xlsx`), latest, latest);
    const run = await runImport(t);
    const entries = await ledgerOfRun(t, run.id);
    const receipts = entries.find((entry) => entry.fileName === `receipts_${DAY}.xlsx`)!;
    expect(receipts).toMatchObject({ status: 'imported', rowsImported: 4, rowsRemoved: 0 });
    expect(receipts.sha256).toBe(first[0].sha256);
    expect(await receiptAmounts('КД-1')).toEqual(['100.00', '200.00', '300.00', '400.00']);
  });

  it('imports two copies of one (kind, day) once each, not back and forth on every run', async () => {
    const day = '2025-03-24';
    const copy = (amount: string): HandmadeReceipt => ({ ...receipt(amount), date: day });
    // Imported in name order: the lower-case copy first, then the other replaces it.
    await writeReceipts(ftp.exportDir, `receipts_${day}.xlsx`, [copy('1,00'), copy('2,00')]);
    await writeReceipts(ftp.exportDir, `RECEIPTS_${day}.xlsx`, [copy('1,00')]);
    const run = await runImport(t);
    expect(
      (await ledgerOfRun(t, run.id))
        .filter((entry) => entry.fileName.toLowerCase() === `receipts_${day}.xlsx`)
        .map((entry) => [entry.fileName, entry.status, entry.rowsRemoved]),
    ).toEqual([
      [`receipts_${day}.xlsx`, 'superseded', 0],
      [`RECEIPTS_${day}.xlsx`, 'imported', 1],
    ]);
    const next = await runImport(t);
    expect(next.details).toMatchObject({ files_imported: 0, files_failed: 1 });
    expect((await ledgerOfRun(t, next.id)).map((entry) => entry.fileName)).toEqual([
      'receipts_2025-03-22.xlsx',
    ]);
  });
});
