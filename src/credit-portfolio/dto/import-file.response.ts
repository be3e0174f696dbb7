import { ApiProperty } from '@nestjs/swagger';
import { CreditImportFileEntity, IMPORT_FILE_STATUSES, ImportFileStatus } from '../entities';
import { ErrorReport } from '../import/error-report';
import { FileKind, ParseProblem, ProblemCode, SheetChoice } from '../parsing';

const FILE_KINDS: FileKind[] = ['receipts', 'expenses', 'expense_details'];
const PROBLEM_CODES: ProblemCode[] = [
  'unreadable',
  'header_not_found',
  'missing_column',
  'missing_value',
  'invalid_value',
  'total_mismatch',
  'unknown_payment',
];

export class ImportProblemResponse implements ParseProblem {
  @ApiProperty({ example: 'Списания' })
  sheet: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 9,
    description: 'Excel row number; null for the whole file.',
  })
  row: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ИНН',
    description: 'Canonical (Russian) column header; null when no single column is at fault.',
  })
  column: string | null;

  @ApiProperty({ example: '"7701234568" has a wrong check digit' })
  message: string;

  @ApiProperty({ enum: PROBLEM_CODES, example: 'invalid_value' })
  code: ProblemCode;
}

export class SheetReadResponse implements SheetChoice {
  @ApiProperty({ example: 'receipts_2026-01-15' })
  name: string;

  @ApiProperty({
    example: false,
    description: "False when no sheet had the kind's name and the first sheet was read instead.",
  })
  preferred: boolean;

  @ApiProperty({
    example:
      'no sheet is named "Поступления", so the first sheet was read (the workbook has "receipts_2026-01-15")',
  })
  reason: string;
}

export class ImportErrorReportResponse implements ErrorReport {
  @ApiProperty({ example: 1, description: 'Every problem found, beyond the listed ones too.' })
  problem_count: number;

  @ApiProperty({ example: false, description: 'True when `problems` lists only the first ones.' })
  truncated: boolean;

  @ApiProperty({
    type: SheetReadResponse,
    nullable: true,
    description: 'The sheet that was read and why; null when the workbook could not be read.',
  })
  sheet_read: SheetReadResponse | null;

  @ApiProperty({ type: [ImportProblemResponse] })
  problems: ImportProblemResponse[];
}

/** One ledger entry: a file an import run looked at. */
export class ImportFileResponse {
  @ApiProperty({ example: 42 })
  id: number;

  @ApiProperty({ example: 8 })
  department_id: number;

  @ApiProperty({ type: String, nullable: true, example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b' })
  run_id: string | null;

  @ApiProperty({ example: 'expenses_2026-01-15.xlsx' })
  file_name: string;

  @ApiProperty({ example: '/exports/expenses_2026-01-15.xlsx' })
  remote_path: string;

  @ApiProperty({ enum: FILE_KINDS, example: 'expenses' })
  file_kind: FileKind;

  @ApiProperty({ example: '2026-01-15', description: 'The export day from the file name.' })
  file_date: string;

  @ApiProperty({ example: 48213 })
  size_bytes: number;

  @ApiProperty({ type: String, nullable: true, example: '2026-01-16T02:58:11.000Z' })
  remote_modified_at: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '9f2c1d8b5e4a3f6071b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718',
    description: 'Of the downloaded bytes; null when the download failed.',
  })
  sha256: string | null;

  @ApiProperty({
    enum: IMPORT_FILE_STATUSES,
    example: 'failed',
    description:
      'imported: every row stored, the current version of its (kind, day); superseded: a later version of the same (kind, day) replaced it; skipped: this content was imported under another name; failed: nothing stored, see error_report.',
  })
  status: ImportFileStatus;

  @ApiProperty({ example: 1000, description: 'Data rows read, valid or not.' })
  rows_read: number;

  @ApiProperty({ example: 0 })
  rows_imported: number;

  @ApiProperty({
    example: 0,
    description:
      'Rows of the superseded version of the (kind, day) that this version no longer has, deleted when it was imported.',
  })
  rows_removed: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'The ledger entry of the version this one replaced.',
  })
  supersedes_import_id: number | null;

  @ApiProperty({ example: 1 })
  problem_count: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'expenses_2026-01-15.xlsx rejected: Списания, row 9, ИНН: "7701234568" has a wrong check digit',
  })
  error_message: string | null;

  @ApiProperty({ type: ImportErrorReportResponse, nullable: true })
  error_report: ImportErrorReportResponse | null;

  @ApiProperty({ example: '2026-01-16T03:00:02.120Z' })
  started_at: string;

  @ApiProperty({ example: '2026-01-16T03:00:02.870Z' })
  finished_at: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-01-17T03:00:01.050Z',
    description:
      'The last run that listed the file unchanged (size and modification time), or when the entry was written.',
  })
  last_seen_at: string | null;

  static from(file: CreditImportFileEntity): ImportFileResponse {
    return {
      id: file.id,
      department_id: file.departmentId,
      run_id: file.runId,
      file_name: file.fileName,
      remote_path: file.remotePath,
      file_kind: file.fileKind,
      file_date: isoDay(file.fileDate),
      size_bytes: file.sizeBytes,
      remote_modified_at: file.remoteModifiedAt?.toISOString() ?? null,
      sha256: file.sha256,
      status: file.status,
      rows_read: file.rowsRead,
      rows_imported: file.rowsImported,
      rows_removed: file.rowsRemoved,
      supersedes_import_id: file.supersedesImportId,
      problem_count: file.problemCount,
      error_message: file.errorMessage,
      error_report: (file.errorReport as ErrorReport | null) ?? null,
      started_at: file.startedAt.toISOString(),
      finished_at: file.finishedAt.toISOString(),
      last_seen_at: file.lastSeenAt?.toISOString() ?? null,
    };
  }
}

function isoDay(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
