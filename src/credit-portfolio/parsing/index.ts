export * from './types';
export { detectFileKind, fileNameFor, SHEET_NAME_BY_KIND } from './file-kind';
export type { DetectedFile } from './file-kind';
export {
  parseWorkbook,
  parseWorkbookFully,
  WorkbookParse,
  DEFAULT_BATCH_SIZE,
} from './workbook-parser';
export type { ParseWorkbookOptions, ParsedWorkbook, SheetChoice } from './workbook-parser';
export { findZipDefect } from './zip-integrity';
export { ProblemLog, DEFAULT_PROBLEM_LIMIT } from './problem-log';
export { expenseKey, findUnlinkedDetails } from './detail-links';
export type { ExpenseLookup } from './detail-links';
export {
  AMOUNT_SCALE,
  addDecimals,
  decimalsEqual,
  parseDecimalText,
  decimalFromNumber,
  toScaledInteger,
  fromScaledInteger,
} from './decimal';
export { isValidInn, innCheckDigits } from './inn';
export { parseDateText, dateFromExcelSerial, formatRussianDate } from './dates';
