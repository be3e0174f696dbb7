import { isCalendarDate } from './dates';
import { FileKind } from './types';

export const SHEET_NAME_BY_KIND: Readonly<Record<FileKind, string>> = {
  receipts: 'Поступления',
  expenses: 'Списания',
  expense_details: 'Расшифровка',
};

export interface DetectedFile {
  kind: FileKind;
  /** The export day from the file name, `YYYY-MM-DD`. */
  date: string;
}

const FILE_NAME = /^(receipts|expenses|expense_details)_(\d{4})-(\d{2})-(\d{2})\.xlsx$/i;

/** Recognises `receipts_YYYY-MM-DD.xlsx`, `expenses_…` and `expense_details_…`; a path is allowed. */
export function detectFileKind(fileName: string): DetectedFile | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? '';
  const match = FILE_NAME.exec(baseName);
  if (!match) {
    return null;
  }
  const [, kind, year, month, day] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) {
    return null;
  }
  return { kind: kind.toLowerCase() as FileKind, date: `${year}-${month}-${day}` };
}

export function fileNameFor(kind: FileKind, date: string): string {
  return `${kind}_${date}.xlsx`;
}
