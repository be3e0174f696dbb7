import { DirectoryDownload } from './ftp-download';
import { FileImportOutcome } from './file-importer.service';

/** What a run reports in task_logs.details. */
export type ImportRunStats = {
  department_id: number;
  files_found: number;
  files_downloaded: number;
  files_imported: number;
  files_skipped: number;
  /** Known as they are: unchanged in the listing (not downloaded) or in content. */
  files_unchanged: number;
  files_failed: number;
  files_unrecognized: number;
  rows_imported: number;
  /** Rows of superseded versions that the new versions no longer have. */
  rows_removed: number;
  failed_files: string[];
  duration_ms: number;
};

export function runStats(
  departmentId: number,
  download: DirectoryDownload,
  outcomes: readonly FileImportOutcome[],
  durationMs: number,
): ImportRunStats {
  const count = (status: FileImportOutcome['status']): FileImportOutcome[] =>
    outcomes.filter((outcome) => outcome.status === status);
  return {
    department_id: departmentId,
    files_found:
      download.files.length +
      download.failed.length +
      download.unchanged.length +
      download.unrecognized.length,
    files_downloaded: download.files.length,
    files_imported: count('imported').length,
    files_skipped: count('skipped').length,
    files_unchanged: download.unchanged.length + count('unchanged').length,
    files_failed: count('failed').length,
    files_unrecognized: download.unrecognized.length,
    rows_imported: outcomes.reduce((sum, outcome) => sum + outcome.rowsImported, 0),
    rows_removed: outcomes.reduce((sum, outcome) => sum + outcome.rowsRemoved, 0),
    failed_files: count('failed').map((outcome) => outcome.fileName),
    duration_ms: durationMs,
  };
}

/**
 * `3/3 files imported, 0 failed` (the wording operators search logs for), plus the skipped and
 * unchanged ones if any.
 */
export function describeRun(stats: ImportRunStats): string {
  const total =
    stats.files_imported + stats.files_skipped + stats.files_unchanged + stats.files_failed;
  const skipped = stats.files_skipped > 0 ? `, ${stats.files_skipped} skipped` : '';
  const unchanged = stats.files_unchanged > 0 ? `, ${stats.files_unchanged} unchanged` : '';
  return `${stats.files_imported}/${total} files imported, ${stats.files_failed} failed${skipped}${unchanged}`;
}
