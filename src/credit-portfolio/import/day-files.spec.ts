import { RemoteFile } from '../../infra/ftp';
import { selectDayFiles } from './day-files';

const file = (name: string): RemoteFile => ({
  name,
  path: `/exports/${name}`,
  size: 1,
  modifiedAt: null,
});

describe('selectDayFiles', () => {
  it('orders oldest day first, and receipts → expenses → expense details within a day', () => {
    const { importable } = selectDayFiles(
      [
        'expense_details_2026-01-16.xlsx',
        'expenses_2026-01-16.xlsx',
        'expense_details_2026-01-15.xlsx',
        'receipts_2026-01-16.xlsx',
        'EXPENSES_2026-01-15.XLSX',
        'receipts_2026-01-15.xlsx',
      ].map(file),
    );
    expect(importable.map((item) => `${item.date} ${item.kind}`)).toEqual([
      '2026-01-15 receipts',
      '2026-01-15 expenses',
      '2026-01-15 expense_details',
      '2026-01-16 receipts',
      '2026-01-16 expenses',
      '2026-01-16 expense_details',
    ]);
  });

  it('keeps unrecognized workbooks apart and ignores other files', () => {
    const { importable, unrecognized } = selectDayFiles(
      [
        'report.xlsx',
        'receipts_2026-02-30.xlsx',
        'readme.txt',
        'receipts_2026-01-15.xlsx.done',
      ].map(file),
    );
    expect(importable).toEqual([]);
    expect(unrecognized.map((item) => item.name)).toEqual([
      'report.xlsx',
      'receipts_2026-02-30.xlsx',
    ]);
  });
});
