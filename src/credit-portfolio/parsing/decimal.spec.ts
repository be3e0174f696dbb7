import {
  addDecimals,
  decimalFromNumber,
  fromScaledInteger,
  parseDecimalText,
  roundDecimal,
  toScaledInteger,
} from './decimal';

describe('parseDecimalText', () => {
  it.each([
    ['1 234 567,89', '1234567.89'],
    ['1234567.89', '1234567.89'],
    ['1234567,89', '1234567.89'],
    ['1\u00a0234\u00a0567,89', '1234567.89'],
    ['1\u202f234,5', '1234.5'],
    ['  42  ', '42'],
    ['-1 234,50', '-1234.5'],
    ['\u22121 234,50', '-1234.5'],
    ['- 7', '-7'],
    ['0,0001', '0.0001'],
    ['1,230000', '1.23'],
    ['000123', '123'],
    ['-0,00', '0'],
    ['99999999999999999999,9999', '99999999999999999999.9999'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDecimalText(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'abc',
    '',
    '12,34,56',
    '1.234,56',
    '1 23 456',
    '12 3456',
    '1,00001',
    '1e5',
    '--5',
    '5-',
    '1 234 руб.',
  ])('rejects %j', (text) => {
    expect(parseDecimalText(text).ok).toBe(false);
  });

  it('names the limit when there are too many decimal places', () => {
    expect(parseDecimalText('1,23456')).toEqual({
      ok: false,
      error: '"1,23456" has more than 4 decimal places',
    });
  });
});

describe('decimalFromNumber', () => {
  it.each([
    [1234567.89, '1234567.89'],
    [0.1 + 0.2, '0.3'],
    [-15.5, '-15.5'],
    [2.00005, '2.0001'],
    [-2.00005, '-2.0001'],
    [1e-7, '0'],
    [0.00015, '0.0002'],
    [12345678901.2345, '12345678901.2345'],
    [98765432109.99, '98765432109.99'],
    [9999999999999.99, '9999999999999.99'],
    [1234.5600000000002, '1234.56'],
  ])('converts %p to %s', (value, expected) => {
    expect(decimalFromNumber(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    // What a spreadsheet keeps of 12 345 678 901 234,56: 15 digits, the kopecks already gone.
    [12345678901234.6, 'too large to keep its kopecks'],
    [-12345678901234, 'too large to keep its kopecks'],
    [1e21, 'too large to keep its kopecks'],
    // A 16-digit amount: a double does not reliably keep it.
    [123456789012.3456, 'more significant digits than a number cell keeps (15)'],
    [12345678901234.56, 'more significant digits than a number cell keeps (15)'],
  ])('rejects %p, whose digits a double may not have kept', (value, reason) => {
    const result = decimalFromNumber(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
    expect(!result.ok && result.error).toContain('store the amount as text');
  });

  it('rejects non-finite numbers', () => {
    expect(decimalFromNumber(Number.NaN).ok).toBe(false);
    expect(decimalFromNumber(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
});

describe('scaled integers', () => {
  it('round-trips through BigInt', () => {
    expect(toScaledInteger('1234.5')).toBe(12345000n);
    expect(toScaledInteger('-0.0001')).toBe(-1n);
    expect(fromScaledInteger(12345000n)).toBe('1234.5');
    expect(fromScaledInteger(-1n)).toBe('-0.0001');
    expect(fromScaledInteger(0n)).toBe('0');
  });

  it('adds exactly where floats would drift', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('99999999999999.99', '0.01', '-100000000000000')).toBe('0');
  });

  it('rounds half away from zero', () => {
    expect(roundDecimal('1.23455', 4)).toBe('1.2346');
    expect(roundDecimal('-1.23455', 4)).toBe('-1.2346');
    expect(roundDecimal('1.23454', 4)).toBe('1.2345');
    expect(roundDecimal('9.99995', 4)).toBe('10');
  });
});
