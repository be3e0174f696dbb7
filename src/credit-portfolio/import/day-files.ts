import { RemoteFile } from '../../infra/ftp';
import { detectFileKind, FileKind } from '../parsing';

/** A remote workbook whose name says which day and kind it holds. */
export interface RemoteDayFile extends RemoteFile {
  kind: FileKind;
  /** `YYYY-MM-DD` */
  date: string;
}

/** Details link to expenses, so a day's expenses go in before its expense details. */
export const KIND_ORDER: readonly FileKind[] = ['receipts', 'expenses', 'expense_details'];

export interface DirectorySelection {
  /** Oldest day first; within a day receipts → expenses → expense details. */
  importable: RemoteDayFile[];
  /** `*.xlsx` files whose names match no known kind. */
  unrecognized: RemoteFile[];
}

export function selectDayFiles(files: readonly RemoteFile[]): DirectorySelection {
  const importable: RemoteDayFile[] = [];
  const unrecognized: RemoteFile[] = [];
  for (const file of files) {
    if (!/\.xlsx$/i.test(file.name)) continue;
    const detected = detectFileKind(file.name);
    if (detected) importable.push({ ...file, ...detected });
    else unrecognized.push(file);
  }
  importable.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.name.localeCompare(b.name),
  );
  return { importable, unrecognized };
}
