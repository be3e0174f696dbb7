import type { SimAmountValue } from './sim-types';

/**
 * Writes a decimal (`"-130.00"`, `"12.5"`) as Tink's `{unscaledValue, scale}` with the requested
 * scale. A negative scale drops trailing integer zeros (`"-130"`, scale -1 → `"-13"`); it throws
 * if that would lose digits, so seeded data always means exactly what the test expects.
 */
export function toTinkAmount(decimal: string, scale: number): SimAmountValue {
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal: ${decimal}`);
  const negative = match[1] === '-';
  const integerPart = match[2];
  const fraction = match[3] ?? '';
  let digits: string;
  if (scale >= 0) {
    if (fraction.replace(/0+$/, '').length > scale) {
      throw new Error(`${decimal} needs more than ${scale} fraction digits`);
    }
    digits = integerPart + fraction.padEnd(scale, '0').slice(0, scale);
  } else {
    if (fraction.replace(/0+$/, '') !== '') throw new Error(`${decimal} has fraction digits`);
    const dropped = integerPart.slice(integerPart.length + scale);
    if (integerPart.length <= -scale || /[^0]/.test(dropped)) {
      throw new Error(`${decimal} is not a multiple of 10^${-scale}`);
    }
    digits = integerPart.slice(0, integerPart.length + scale);
  }
  digits = digits.replace(/^0+(?=\d)/, '');
  const isZero = /^0+$/.test(digits);
  return { unscaledValue: `${negative && !isZero ? '-' : ''}${digits}`, scale: String(scale) };
}

/** Cents as an integer → the plain decimal string with two fraction digits. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
