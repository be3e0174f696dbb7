import { Parsed, failed, parsed } from './parse-result';

const MS_PER_DAY = 86_400_000;
const EXCEL_1900_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_1904_EPOCH = Date.UTC(1904, 0, 1);
// Serials below 61 fall before Excel's fictitious 29.02.1900 and never occur in bank exports.
const MIN_1900_SERIAL = 61;
const MAX_SERIAL = 2_958_465; // 31.12.9999

const RUSSIAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Text dates: `DD.MM.YYYY` (optionally followed by a time) or `YYYY-MM-DD`. */
export function parseDateText(text: string): Parsed<string> {
  const trimmed = text.trim();
  const russian = RUSSIAN_DATE.exec(trimmed);
  if (russian) {
    return calendarDate(Number(russian[3]), Number(russian[2]), Number(russian[1]), text);
  }
  const iso = ISO_DATE.exec(trimmed);
  if (iso) {
    return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  }
  return failed(`"${text}" is not a date (expected DD.MM.YYYY)`);
}

/** An Excel serial day number; any time-of-day fraction is dropped. */
export function dateFromExcelSerial(serial: number, date1904 = false): Parsed<string> {
  const minimum = date1904 ? 0 : MIN_1900_SERIAL;
  if (!Number.isFinite(serial) || serial < minimum || serial > MAX_SERIAL) {
    return failed(`${serial} is not a date`);
  }
  // Round to whole milliseconds first so float noise like 45306.9999999999 stays on its day.
  const millis = Math.round(serial * MS_PER_DAY);
  const dayStart = Math.floor(millis / MS_PER_DAY) * MS_PER_DAY;
  return parsed(isoFromUtc(new Date((date1904 ? EXCEL_1904_EPOCH : EXCEL_1900_EPOCH) + dayStart)));
}

/** exceljs returns date cells as UTC midnight, so the calendar date is read in UTC. */
export function dateFromJsDate(value: Date): Parsed<string> {
  if (Number.isNaN(value.getTime())) {
    return failed('invalid date');
  }
  // The same range as for serials: before 01.03.1900 Excel's calendar has a day that never was.
  if (value.getTime() < EXCEL_1900_EPOCH + MIN_1900_SERIAL * MS_PER_DAY) {
    return failed(`${isoFromUtc(value)} is not a date`);
  }
  return parsed(isoFromUtc(value));
}

/** The serial day number a spreadsheet stored for a date cell (whole days only). */
export function excelSerialOf(value: Date, date1904 = false): number {
  const epoch = date1904 ? EXCEL_1904_EPOCH : EXCEL_1900_EPOCH;
  return Math.floor((value.getTime() - epoch) / MS_PER_DAY);
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function formatRussianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const lastDayOfMonth = new Date(0);
  lastDayOfMonth.setUTCFullYear(year, month, 0);
  return day <= lastDayOfMonth.getUTCDate();
}

function calendarDate(year: number, month: number, day: number, source: string): Parsed<string> {
  if (year < 1900 || !isCalendarDate(year, month, day)) {
    return failed(`"${source}" is not a valid calendar date`);
  }
  return parsed(formatIsoDate(year, month, day));
}

export function isoFromUtc(value: Date): string {
  return formatIsoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
