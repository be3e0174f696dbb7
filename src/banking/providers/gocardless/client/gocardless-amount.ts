/** `DECIMAL(19,4)`: 15 integer digits and 4 fraction digits. */
const MAX_INTEGER_DIGITS = 15;
const FRACTION_DIGITS = 4;
const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

export class GoCardlessAmountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoCardlessAmountError';
  }
}

/**
 * GoCardless sends amounts as decimal strings (`"-12.5"`, `"657.49"`). This works on the digits as
 * text, never through a float, and answers `DECIMAL(19,4)` text (`"-12.5000"`); extra fraction
 * digits round half to even. Anything else (exponents, commas, empty) is refused.
 */
export function parseGoCardlessAmount(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new GoCardlessAmountError('amount is missing');
  }
  const source = String(value).trim();
  const match = DECIMAL.exec(source);
  if (!match) throw new GoCardlessAmountError(`amount "${source.slice(0, 40)}" is not a decimal`);
  const negative = match[1] === '-';
  let integer = match[2].replace(/^0+(?=\d)/, '');
  let fraction = match[3] ?? '';
  if (fraction.length > FRACTION_DIGITS) {
    const kept = fraction.slice(0, FRACTION_DIGITS);
    const rest = fraction.slice(FRACTION_DIGITS);
    const lastKept = Number(kept[FRACTION_DIGITS - 1]);
    const roundUp =
      rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || lastKept % 2 === 1));
    fraction = kept;
    if (roundUp) ({ integer, fraction } = incremented(integer, fraction));
  }
  fraction = fraction.padEnd(FRACTION_DIGITS, '0');
  if (integer.length > MAX_INTEGER_DIGITS) {
    throw new GoCardlessAmountError(`amount "${source.slice(0, 40)}" does not fit DECIMAL(19,4)`);
  }
  const zero = /^0+$/.test(integer) && /^0+$/.test(fraction);
  return `${negative && !zero ? '-' : ''}${integer}.${fraction}`;
}

function incremented(integer: string, fraction: string): { integer: string; fraction: string } {
  const digits = `${integer}${fraction}`.split('').map(Number);
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    if (digits[i] < 9) {
      digits[i] += 1;
      break;
    }
    digits[i] = 0;
    if (i === 0) digits.unshift(1);
  }
  const joined = digits.join('');
  return {
    integer: joined.slice(0, joined.length - fraction.length),
    fraction: joined.slice(joined.length - fraction.length),
  };
}
