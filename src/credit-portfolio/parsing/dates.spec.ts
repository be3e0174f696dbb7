import { dateFromExcelSerial, dateFromJsDate, isCalendarDate, parseDateText } from './dates';

describe('parseDateText', () => {
  it.each([
    ['15.01.2026', '2026-01-15'],
    [' 5.1.2026 ', '2026-01-05'],
    ['29.02.2024', '2024-02-29'],
    ['15.01.2026 0:00:00', '2026-01-15'],
    ['2026-01-15', '2026-01-15'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDateText(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '31.02.2026',
    '29.02.2025',
    '00.01.2026',
    '15.13.2026',
    '15/01/2026',
    '15.01.26',
    'завтра',
  ])('rejects %j', (text) => {
    expect(parseDateText(text).ok).toBe(false);
  });

  it('explains an impossible calendar date', () => {
    expect(parseDateText('31.02.2026')).toEqual({
      ok: false,
      error: '"31.02.2026" is not a valid calendar date',
    });
  });
});

describe('Excel serial dates', () => {
  it('converts 1900-system serials', () => {
    expect(dateFromExcelSerial(46037)).toEqual({ ok: true, value: '2026-01-15' });
    expect(dateFromExcelSerial(61)).toEqual({ ok: true, value: '1900-03-01' });
  });

  it('drops the time of day and tolerates float noise', () => {
    expect(dateFromExcelSerial(46037.75)).toEqual({ ok: true, value: '2026-01-15' });
    expect(dateFromExcelSerial(46037.99999999999)).toEqual({ ok: true, value: '2026-01-16' });
  });

  it('converts 1904-system serials', () => {
    expect(dateFromExcelSerial(44575, true)).toEqual({ ok: true, value: '2026-01-15' });
  });

  it.each([0, 60, -1, 3_000_000, Number.NaN])('rejects %p', (serial) => {
    expect(dateFromExcelSerial(serial).ok).toBe(false);
  });
});

describe('dateFromJsDate', () => {
  it('reads the UTC calendar date, as exceljs returns UTC midnight', () => {
    expect(dateFromJsDate(new Date(Date.UTC(2026, 0, 15)))).toEqual({
      ok: true,
      value: '2026-01-15',
    });
  });

  it('rejects an invalid Date', () => {
    expect(dateFromJsDate(new Date('x')).ok).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('knows leap years', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2100, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
  });
});
