import { RemoteDayFile } from './day-files';
import { compareWithLedger, ListedEntry } from './unchanged-files';

const MODIFIED = new Date('2026-01-15T03:00:00.000Z');

const listed = (name: string, size = 100, modifiedAt: Date | null = MODIFIED): RemoteDayFile => ({
  name,
  path: `/exports/${name}`,
  size,
  modifiedAt,
  kind: 'receipts',
  date: '2026-01-15',
});

const entry = (
  id: number,
  name: string,
  size = 100,
  modifiedAt: Date | null = MODIFIED,
): ListedEntry => ({
  id,
  remotePath: `/exports/${name}`,
  sizeBytes: size,
  remoteModifiedAt: modifiedAt,
});

describe('compareWithLedger', () => {
  it('leaves a file listed with its entry’s size and time, and names the entry', () => {
    const result = compareWithLedger([listed('a.xlsx')], [entry(7, 'a.xlsx')]);
    expect(result.changed).toEqual([]);
    expect(result.unchanged).toEqual([{ ...listed('a.xlsx'), ledgerId: 7 }]);
  });

  it('downloads a file whose size or time differs, or that the ledger does not know', () => {
    const later = new Date(MODIFIED.getTime() + 1000);
    const result = compareWithLedger(
      [listed('size.xlsx', 101), listed('time.xlsx', 100, later), listed('new.xlsx')],
      [entry(1, 'size.xlsx'), entry(2, 'time.xlsx')],
    );
    expect(result.changed.map((file) => file.name)).toEqual(['size.xlsx', 'time.xlsx', 'new.xlsx']);
    expect(result.unchanged).toEqual([]);
  });

  it('compares with the newest entry of the path only', () => {
    // Entries come newest first: the file was replaced (entry 9) after entry 3 saw it as listed now.
    const result = compareWithLedger(
      [listed('a.xlsx')],
      [entry(9, 'a.xlsx', 250), entry(3, 'a.xlsx')],
    );
    expect(result.changed.map((file) => file.name)).toEqual(['a.xlsx']);
  });

  it('cannot tell anything without a modification time, so it downloads', () => {
    const result = compareWithLedger(
      [listed('a.xlsx', 100, null), listed('b.xlsx')],
      [entry(1, 'a.xlsx', 100, null), entry(2, 'b.xlsx', 100, null)],
    );
    expect(result.changed.map((file) => file.name)).toEqual(['a.xlsx', 'b.xlsx']);
  });
});
