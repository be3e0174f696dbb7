import { CellFault, PlainCell } from './cells';
import {
  dateFromExcelSerial,
  dateFromJsDate,
  excelSerialOf,
  formatRussianDate,
  isoFromUtc,
  parseDateText,
} from './dates';
import { decimalFromNumber, parseDecimalText } from './decimal';
import { innProblem } from './inn';
import { Parsed, failed, parsed } from './parse-result';
import { ExpenseKind } from './types';

/** A non-empty, non-faulty cell. */
export type FilledCell = Exclude<PlainCell, null | CellFault>;

export interface ValueContext {
  /** The workbook counts serial dates from 1904 (old Mac Excel). */
  date1904: boolean;
}

export type ValueParser<T> = (cell: FilledCell, context: ValueContext) => Parsed<T>;

export const DEFAULT_CURRENCY = 'RUB';

const RUBLE_SPELLINGS = new Set(['RUB', 'RUR', 'РУБ', 'РУБ.', 'РУБЛЬ', '643']);

const EXPENSE_KINDS = new Map<string, ExpenseKind>([
  ['основной долг', 'principal'],
  ['проценты', 'interest'],
  ['комиссия', 'fee'],
  ['principal', 'principal'],
  ['interest', 'interest'],
  ['fee', 'fee'],
]);

export const textValue: ValueParser<string> = (cell, context) => {
  if (typeof cell === 'string') {
    return parsed(cell.trim());
  }
  if (typeof cell === 'number') {
    return parsed(String(cell));
  }
  if (cell instanceof Date) {
    return failed(
      `${storedAsDate(cell, context.date1904)}, not as the text it was: format the column as text and enter the value again`,
    );
  }
  return failed(`${cell} is not text`);
};

export const dateValue: ValueParser<string> = (cell, context) => {
  if (cell instanceof Date) {
    return dateFromJsDate(cell);
  }
  if (typeof cell === 'number') {
    return dateFromExcelSerial(cell, context.date1904);
  }
  if (typeof cell === 'string') {
    return parseDateText(cell);
  }
  return failed(`${cell} is not a date`);
};

export const amountValue: ValueParser<string> = (cell, context) => {
  if (typeof cell === 'number') {
    return decimalFromNumber(cell);
  }
  if (typeof cell === 'string') {
    return parseDecimalText(cell);
  }
  return cell instanceof Date
    ? failed(storedAsDate(cell, context.date1904))
    : failed(`${cell} is not an amount`);
};

export const innValue: ValueParser<string> = (cell) => {
  const digits = digitString(cell, [10, 12]);
  if (!digits.ok) {
    return digits;
  }
  const problem = innProblem(digits.value);
  if (problem === 'length') {
    return failed(`"${digits.value}" must have 10 or 12 digits`);
  }
  if (problem === 'checksum') {
    return failed(`"${digits.value}" has a wrong check digit`);
  }
  return digits;
};

export const bicValue: ValueParser<string> = (cell) => {
  const digits = digitString(cell, [9]);
  if (digits.ok && digits.value.length !== 9) {
    return failed(`"${digits.value}" must have 9 digits`);
  }
  return digits;
};

export const accountValue: ValueParser<string> = (cell) => {
  if (typeof cell === 'number') {
    // A 20-digit number does not fit a double; its last digits are already gone.
    return failed(`account ${cell} is stored as a number and has lost digits; it must be text`);
  }
  const digits = digitString(cell, [20]);
  if (digits.ok && digits.value.length !== 20) {
    return failed(`account "${digits.value}" must have 20 digits`);
  }
  return digits;
};

export const currencyValue: ValueParser<string> = (cell) => {
  const code = typeof cell === 'string' ? cell.trim().toUpperCase() : String(cell);
  if (RUBLE_SPELLINGS.has(code)) {
    return parsed(DEFAULT_CURRENCY);
  }
  return /^[A-Z]{3}$/.test(code) ? parsed(code) : failed(`"${code}" is not a currency code`);
};

export const expenseKindValue: ValueParser<ExpenseKind> = (cell) => {
  const label = typeof cell === 'string' ? cell.trim().toLowerCase().replace(/\s+/g, ' ') : '';
  const kind = EXPENSE_KINDS.get(label);
  return kind
    ? parsed(kind)
    : failed(`"${String(cell)}" is not a payment kind (Основной долг, Проценты, Комиссия)`);
};

/**
 * A number in a date-formatted cell: a spreadsheet turns text such as `01/25` into a date as it
 * opens a CSV, and the text is gone (46047 is all the file holds).
 */
function storedAsDate(value: Date, date1904: boolean): string {
  const serial = excelSerialOf(value, date1904);
  return `stored as a date (${formatRussianDate(isoFromUtc(value))}, serial ${serial})`;
}

/**
 * Digits of an identifier. Excel drops leading zeros of identifiers typed as numbers
 * (ИНН 0105…, БИК 04…), so a numeric cell one digit short of an expected length is padded.
 */
function digitString(cell: FilledCell, expectedLengths: readonly number[]): Parsed<string> {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) {
      return failed(`${cell} is not a digit string`);
    }
    const digits = String(cell);
    const padded = expectedLengths.find((length) => length === digits.length + 1);
    return parsed(padded ? `0${digits}` : digits);
  }
  if (typeof cell === 'string') {
    const digits = cell.replace(/[\s\u00a0\u2007\u202f]/g, '');
    return /^\d+$/.test(digits) ? parsed(digits) : failed(`"${cell}" must contain digits only`);
  }
  return failed(`${cell instanceof Date ? 'a date' : cell} is not a digit string`);
}
