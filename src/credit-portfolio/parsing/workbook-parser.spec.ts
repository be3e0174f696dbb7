import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  writeCorruptWorkbook,
  writeDetailsWithTotalMismatch,
  writeWorkbookWithBadInn,
  writeWorkbookWithMissingColumn,
} from '../../../test/fixtures/credit-portfolio/broken-workbooks';
import {
  excelRowOf,
  generateWorkbooks,
  writeDayWorkbook,
} from '../../../test/fixtures/credit-portfolio/generate-workbooks';
import { addDecimals } from './decimal';
import { expenseKey, findUnlinkedDetails } from './detail-links';
import { ExpenseDetailRow, ExpenseRow, FileKind, ParseProblem } from './types';
import { parseWorkbook, parseWorkbookFully } from './workbook-parser';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'credit-portfolio-parser-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function locations(
  problems: readonly ParseProblem[],
): Pick<ParseProblem, 'sheet' | 'row' | 'column'>[] {
  return problems.map(({ sheet, row, column }) => ({ sheet, row, column }));
}

describe('a generated three-day set', () => {
  const rowsPerFile = 40;

  it('parses into consistent rows', async () => {
    const files = await generateWorkbooks({
      outDir: join(workDir, 'three-days'),
      days: 3,
      rowsPerFile,
      startDate: '2026-03-30',
      seed: 7,
    });
    expect(files).toHaveLength(9);
    for (const date of ['2026-03-30', '2026-03-31', '2026-04-01']) {
      const ofDay = (kind: FileKind) =>
        files.find((file) => file.kind === kind && file.date === date)!;

      const receipts = await parseWorkbookFully(ofDay('receipts').path, 'receipts');
      const expenses = await parseWorkbookFully(ofDay('expenses').path, 'expenses');
      const details = await parseWorkbookFully(ofDay('expense_details').path, 'expense_details');

      for (const parsed of [receipts, expenses, details]) {
        expect(parsed.problems).toEqual([]);
        expect(parsed.valid).toBe(true);
        expect(parsed.headerRow).toBe(5);
        expect(parsed.rows).toHaveLength(rowsPerFile);
        expect(parsed.rows.map((row) => row.date)).toEqual(Array(rowsPerFile).fill(date));
        expect(parsed.rows.map((row) => row.rowNumber)).toEqual(
          Array.from({ length: rowsPerFile }, (_, index) => excelRowOf(index, rowsPerFile)),
        );
      }
      expect(addDecimals(...receipts.rows.map((row) => row.amount))).toBe(
        ofDay('receipts').totalAmount,
      );
      expect(addDecimals(...expenses.rows.map((row) => row.amount))).toBe(
        ofDay('expenses').totalAmount,
      );
      expect(addDecimals(...details.rows.map((row) => row.total))).toBe(
        ofDay('expense_details').totalAmount,
      );

      const expenseByKey = new Map<string, ExpenseRow>(
        expenses.rows.map((row) => [expenseKey(row), row]),
      );
      expect(expenseByKey.size).toBe(rowsPerFile);
      expect(findUnlinkedDetails(details.rows, new Set(expenseByKey.keys()))).toEqual([]);
      for (const detail of details.rows) {
        expect(detail.total).toBe(expenseByKey.get(expenseKey(detail))!.amount);
      }
      expect(receipts.rows.every((row) => row.currency === 'RUB')).toBe(true);
      expect(new Set(expenses.rows.map((row) => row.kind))).toEqual(
        new Set(['principal', 'interest']),
      );
    }
  });

  it('is deterministic for a seed', async () => {
    const options = { date: '2026-01-15', rows: 15, seed: 99 };
    const first = await writeDayWorkbook('expense_details', {
      ...options,
      outDir: join(workDir, 'det-a'),
    });
    const second = await writeDayWorkbook('expense_details', {
      ...options,
      outDir: join(workDir, 'det-b'),
    });
    const other = await writeDayWorkbook('expense_details', {
      ...options,
      seed: 100,
      outDir: join(workDir, 'det-c'),
    });
    const rowsOf = async (path: string) => (await parseWorkbookFully(path, 'expense_details')).rows;
    expect(await rowsOf(second.path)).toEqual(await rowsOf(first.path));
    expect(await rowsOf(other.path)).not.toEqual(await rowsOf(first.path));
  });
});

describe('layout', () => {
  it('finds English headers under the title block', async () => {
    const dir = join(workDir, 'english');
    const english = await writeDayWorkbook('receipts', {
      outDir: dir,
      date: '2026-01-15',
      rows: 12,
      headerLanguage: 'english',
      fileName: 'english.xlsx',
    });
    const russian = await writeDayWorkbook('receipts', {
      outDir: dir,
      date: '2026-01-15',
      rows: 12,
    });
    const parsedEnglish = await parseWorkbookFully(english.path, 'receipts');
    expect(parsedEnglish.problems).toEqual([]);
    expect(parsedEnglish.headerRow).toBe(5);
    expect(parsedEnglish.rows).toEqual((await parseWorkbookFully(russian.path, 'receipts')).rows);
  });

  it('skips the blank row and the final Итого row', async () => {
    const written = await writeDayWorkbook('expenses', {
      outDir: join(workDir, 'total-row'),
      date: '2026-01-15',
      rows: 10,
    });
    const parsed = await parseWorkbookFully(written.path, 'expenses');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(10);
    const rowNumbers = parsed.rows.map((row) => row.rowNumber);
    // Rows 6-10 and 12-16 hold data; 11 is blank and 17 is the Итого line.
    expect(rowNumbers).toEqual([6, 7, 8, 9, 10, 12, 13, 14, 15, 16]);
    expect(addDecimals(...parsed.rows.map((row) => row.amount))).toBe(written.totalAmount);
  });

  it('prefers the named sheet over an earlier one', async () => {
    const written = await writeDayWorkbook('expenses', {
      outDir: join(workDir, 'two-sheets'),
      date: '2026-01-15',
      rows: 5,
      leadingSummarySheet: true,
    });
    const parsed = await parseWorkbookFully(written.path, 'expenses');
    expect(parsed.sheet).toBe('Списания');
    expect(parsed.sheetChoice).toEqual({
      name: 'Списания',
      preferred: true,
      reason: 'the sheet is named "Списания"',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(5);
  });

  it('reads the first sheet when the named one is absent', async () => {
    const written = await writeDayWorkbook('receipts', {
      outDir: join(workDir, 'other-name'),
      date: '2026-01-15',
      rows: 5,
      sheetName: 'Лист1',
    });
    const parsed = await parseWorkbookFully(written.path, 'receipts');
    expect(parsed.sheet).toBe('Лист1');
    expect(parsed.sheetChoice).toEqual({
      name: 'Лист1',
      preferred: false,
      reason:
        'no sheet is named "Поступления", so the first sheet was read (the workbook has "Лист1")',
    });
    expect(parsed.rows).toHaveLength(5);
  });
});

describe('broken variants', () => {
  const options = () => ({ outDir: join(workDir, 'broken'), rows: 20 });

  it.each([
    ['receipts', 'ИНН'],
    ['expenses', 'Вид платежа'],
    ['expense_details', 'Итого'],
  ] as const)('reports the missing column in %s: %s', async (kind, column) => {
    const broken = await writeWorkbookWithMissingColumn(kind, column, options());
    const parsed = await parseWorkbookFully(broken.path, kind);
    expect(locations(parsed.problems)).toEqual([broken.expected]);
    expect(parsed.problems[0]).toMatchObject({ code: 'missing_column', row: 5, column });
    expect(parsed.rows).toEqual([]);
  });

  it('does not require optional columns', async () => {
    const broken = await writeWorkbookWithMissingColumn('receipts', 'Валюта', options());
    const parsed = await parseWorkbookFully(broken.path, 'receipts');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.every((row) => row.currency === 'RUB')).toBe(true);
  });

  it.each(['receipts', 'expenses'] as const)('reports a bad ИНН in %s at its row', async (kind) => {
    const broken = await writeWorkbookWithBadInn(kind, 13, options());
    const parsed = await parseWorkbookFully(broken.path, kind);
    expect(locations(parsed.problems)).toEqual([broken.expected]);
    expect(broken.expected.row).toBe(20);
    expect(parsed.problems[0].message).toMatch(/wrong check digit/);
    expect(parsed.valid).toBe(false);
    expect(parsed.rows).toHaveLength(19);
  });

  it('reports a detail whose Итого is not the sum of its parts', async () => {
    const broken = await writeDetailsWithTotalMismatch(3, options());
    const parsed = await parseWorkbookFully(broken.path, 'expense_details');
    expect(locations(parsed.problems)).toEqual([broken.expected]);
    expect(parsed.problems[0]).toMatchObject({ code: 'total_mismatch', row: 9, column: 'Итого' });
  });

  it.each(['truncated', 'garbled', 'empty'] as const)(
    'rejects a %s file as unreadable',
    async (corruption) => {
      const broken = await writeCorruptWorkbook('expenses', corruption, options());
      const parsed = await parseWorkbookFully(broken.path, 'expenses');
      expect(locations(parsed.problems)).toEqual([broken.expected]);
      expect(parsed.problems[0].code).toBe('unreadable');
    },
  );

  it('rejects a missing file as unreadable', async () => {
    const parsed = await parseWorkbookFully(join(workDir, 'nope.xlsx'), 'receipts');
    expect(parsed.problems).toEqual([expect.objectContaining({ code: 'unreadable', row: null })]);
  });
});

describe('hand-made workbooks', () => {
  async function writeWorkbook(
    name: string,
    fill: (sheet: ExcelJS.Worksheet) => void,
    configure?: (workbook: ExcelJS.Workbook) => void,
  ): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    configure?.(workbook);
    fill(workbook.addWorksheet('Списания'));
    const path = join(workDir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  const header = [
    'Дата',
    'Организация',
    'ИНН',
    'Расчетный счет',
    'Договор',
    'Номер платежа',
    'Сумма',
    'Вид платежа',
  ];
  const good = [
    '15.01.2026',
    'ООО «Тест»',
    '7707083893',
    '40702810400000001234',
    'КД-1',
    '1',
    '100,00',
    'Проценты',
  ];

  it('reports every bad cell with its row and column', async () => {
    const path = await writeWorkbook('cells.xlsx', (sheet) => {
      sheet.mergeCells('A1:H1');
      sheet.getCell('A1').value = 'Списания за январь';
      sheet.getRow(3).values = header;
      sheet.getRow(4).values = good;
      sheet.getRow(5).values = [
        '31.02.2026',
        null,
        '770708389',
        '4070281040000000123',
        'КД-1',
        '2',
        'сто',
        'Пени',
      ];
      sheet.getRow(6).values = [...good.slice(0, 6), { formula: 'G4*2' }, { error: '#N/A' }];
      sheet.getRow(7).values = ['Итого', null, null, null, null, null, 100];
    });
    const parsed = await parseWorkbookFully(path, 'expenses');
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 4,
        date: '2026-01-15',
        organization: 'ООО «Тест»',
        inn: '7707083893',
        account: '40702810400000001234',
        contract: 'КД-1',
        paymentNo: '1',
        amount: '100',
        currency: 'RUB',
        kind: 'interest',
        purpose: null,
      },
    ]);
    expect(parsed.problems.map(({ row, column, code }) => [row, column, code])).toEqual([
      [5, 'Дата', 'invalid_value'],
      [5, 'Организация', 'missing_value'],
      [5, 'ИНН', 'invalid_value'],
      [5, 'Расчетный счет', 'invalid_value'],
      [5, 'Сумма', 'invalid_value'],
      [5, 'Вид платежа', 'invalid_value'],
      [6, 'Сумма', 'invalid_value'],
      [6, 'Вид платежа', 'invalid_value'],
    ]);
    expect(parsed.problems[6].message).toBe('formula has no saved result');
  });

  it('keeps only the first problems but counts them all', async () => {
    const path = await writeWorkbook('many-problems.xlsx', (sheet) => {
      sheet.getRow(1).values = header;
      for (let row = 2; row <= 51; row++) {
        sheet.getRow(row).values = [...good.slice(0, 2), '123'];
      }
    });
    const parse = parseWorkbook(path, 'expenses', { maxProblems: 10 });
    for await (const _batch of parse) {
      // no valid rows expected
    }
    expect(parse.problems).toHaveLength(10);
    expect(parse.problemCount).toBe(50 * 6);
    expect(parse.rowCount).toBe(0);
    expect(parse.dataRowCount).toBe(50);
    expect(parse.problemsTruncated).toBe(true);
    expect(parse.valid).toBe(false);
  });

  it('reports a header that is not within the first 15 rows', async () => {
    const path = await writeWorkbook('late-header.xlsx', (sheet) => {
      sheet.getRow(16).values = header;
      sheet.getRow(17).values = good;
    });
    const parsed = await parseWorkbookFully(path, 'expenses');
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        sheet: 'Списания',
        row: null,
        column: null,
        code: 'header_not_found',
      }),
    ]);
    expect(parsed.rows).toEqual([]);
  });

  it('reads real date cells of a 1904-based workbook', async () => {
    const path = await writeWorkbook(
      'date1904.xlsx',
      (sheet) => {
        sheet.getRow(1).values = header;
        sheet.getRow(2).values = [new Date(Date.UTC(2026, 0, 15)), ...good.slice(1)];
        sheet.getCell('A2').numFmt = 'dd.mm.yyyy';
      },
      (workbook) => {
        workbook.properties.date1904 = true;
      },
    );
    const parsed = await parseWorkbookFully(path, 'expenses');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0].date).toBe('2026-01-15');
  });
});

describe('streaming', () => {
  it('yields batches of the requested size and can be iterated only once', async () => {
    const written = await writeDayWorkbook('expense_details', {
      outDir: join(workDir, 'batches'),
      date: '2026-01-15',
      rows: 20,
    });
    const parse = parseWorkbook(written.path, 'expense_details', { batchSize: 7 });
    const sizes: number[] = [];
    const seen: ExpenseDetailRow[] = [];
    for await (const batch of parse) {
      sizes.push(batch.length);
      seen.push(...batch);
      expect(parse.finished).toBe(false);
    }
    expect(sizes).toEqual([7, 7, 6]);
    expect(parse.finished).toBe(true);
    expect(parse.valid).toBe(true);
    expect(parse.rowCount).toBe(20);
    expect(parse.dataRowCount).toBe(20);
    expect(new Set(seen.map((row) => row.paymentNo)).size).toBe(20);
    expect(() => parse[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it('lets the consumer stop early', async () => {
    const written = await writeDayWorkbook('receipts', {
      outDir: join(workDir, 'early-stop'),
      date: '2026-01-15',
      rows: 30,
    });
    const parse = parseWorkbook(written.path, 'receipts', { batchSize: 5 });
    for await (const batch of parse) {
      expect(batch).toHaveLength(5);
      break;
    }
    expect(parse.finished).toBe(false);
    expect(parse.valid).toBe(false);
  });
});
