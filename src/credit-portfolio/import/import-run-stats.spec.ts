import { FileImportOutcome } from './file-importer.service';
import { DirectoryDownload } from './ftp-download';
import { describeRun, runStats } from './import-run-stats';

const outcome = (fileName: string, status: FileImportOutcome['status'], rows = 0) => ({
  fileName,
  status,
  ledgerId: 1,
  rowsImported: rows,
  rowsRemoved: status === 'imported' ? 1 : 0,
  problemCount: 0,
  message: null,
});

describe('import run stats', () => {
  const download = {
    files: [{}, {}, {}],
    failed: [{}],
    unchanged: [{}, {}],
    unrecognized: [{}],
  } as unknown as DirectoryDownload;

  it('counts the outcomes and names the failed files', () => {
    const stats = runStats(
      8,
      download,
      [
        outcome('a.xlsx', 'imported', 10),
        outcome('b.xlsx', 'skipped'),
        outcome('c.xlsx', 'failed'),
        outcome('d.xlsx', 'imported', 5),
        outcome('e.xlsx', 'unchanged'),
      ],
      1234,
    );
    expect(stats).toEqual({
      department_id: 8,
      files_found: 7,
      files_downloaded: 3,
      files_imported: 2,
      files_skipped: 1,
      files_unchanged: 3,
      files_failed: 1,
      files_unrecognized: 1,
      rows_imported: 15,
      rows_removed: 2,
      failed_files: ['c.xlsx'],
      duration_ms: 1234,
    });
    expect(describeRun(stats)).toBe('2/7 files imported, 1 failed, 1 skipped, 3 unchanged');
  });

  it('uses the operators’ log wording when nothing was skipped', () => {
    const stats = runStats(
      8,
      { ...download, unchanged: [] },
      ['a', 'b', 'c'].map((name) => outcome(name, 'imported')),
      0,
    );
    expect(describeRun(stats)).toBe('3/3 files imported, 0 failed');
  });
});
