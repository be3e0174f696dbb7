import { detectFileKind, fileNameFor } from './file-kind';

describe('detectFileKind', () => {
  it.each([
    ['receipts_2026-01-15.xlsx', 'receipts', '2026-01-15'],
    ['expenses_2026-01-15.xlsx', 'expenses', '2026-01-15'],
    ['expense_details_2026-01-15.xlsx', 'expense_details', '2026-01-15'],
    ['/exports/EXPENSES_2026-12-31.XLSX', 'expenses', '2026-12-31'],
  ])('recognises %s', (name, kind, date) => {
    expect(detectFileKind(name)).toEqual({ kind, date });
  });

  it.each([
    'receipts_2026-02-30.xlsx',
    'receipts_2026-01-15.xls',
    'receipts-2026-01-15.xlsx',
    'receipts_2026-01-15.xlsx.part',
    'expense_2026-01-15.xlsx',
    'report.xlsx',
  ])('ignores %s', (name) => {
    expect(detectFileKind(name)).toBeNull();
  });

  it('builds the file name back', () => {
    expect(fileNameFor('expense_details', '2026-01-15')).toBe('expense_details_2026-01-15.xlsx');
  });
});
