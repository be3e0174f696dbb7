import { Parsed, failed, parsed } from './parse-result';

/** Amounts are stored as DECIMAL with this many fractional digits. */
export const AMOUNT_SCALE = 4;

/** Significant decimal digits a double is guaranteed to keep (DBL_DIG). */
export const DOUBLE_SIGNIFICANT_DIGITS = 15;

// From here on 15 significant digits no longer reach the kopeck: 12 345 678 901 234,56 typed into
// a spreadsheet is saved as 12345678901234.6, and nothing in the file shows that a digit is gone.
const KOPECK_LIMIT = 1e13;

const SPACE_LIKE = /[\u00a0\u2007\u202f\t]/g;
const MINUS_SIGNS = /^[-\u2212]\s*/;
const GROUPED_OR_PLAIN = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/;
const CANONICAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses an amount typed as text: `1 234 567,89`, `1234567.89`, `-1 234,5`, NBSP thousands
 * separators. Works on the digits only, so no precision is lost.
 */
export function parseDecimalText(text: string, scale = AMOUNT_SCALE): Parsed<string> {
  const compact = text.replace(SPACE_LIKE, ' ').trim();
  const signMatch = MINUS_SIGNS.exec(compact);
  const body = signMatch ? compact.slice(signMatch[0].length) : compact;
  const match = GROUPED_OR_PLAIN.exec(body);
  if (!match) {
    return failed(`"${text}" is not an amount`);
  }
  const integerDigits = match[1].replace(/ /g, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) {
    return failed(`"${text}" has more than ${scale} decimal places`);
  }
  return parsed(canonicalDecimal(signMatch !== null, integerDigits, fraction));
}

/**
 * Converts a numeric cell. The shortest round-trip form of a double is what Excel wrote into
 * the file, so rounding is done on that decimal string rather than on the binary value
 * (`(2.00005).toFixed(4)` would give 2.0000).
 */
export function decimalFromNumber(value: number, scale = AMOUNT_SCALE): Parsed<string> {
  if (!Number.isFinite(value)) {
    return failed(`${value} is not an amount`);
  }
  const text = plainDecimalString(value);
  const rounded = roundDecimal(text, scale);
  // Digits past the 15th are either binary noise (0.1 + 0.2 = 0.30000000000000004), gone once
  // rounded, or digits of the amount that a double does not reliably keep.
  const kept = roundDecimal(
    plainDecimalString(Number(value.toPrecision(DOUBLE_SIGNIFICANT_DIGITS))),
    scale,
  );
  if (rounded !== kept) {
    return failed(
      `${text} is stored as a number with more significant digits than a number cell keeps (${DOUBLE_SIGNIFICANT_DIGITS}); store the amount as text`,
    );
  }
  if (Math.abs(value) >= KOPECK_LIMIT) {
    return failed(
      `${text} is stored as a number too large to keep its kopecks (a number cell keeps ${DOUBLE_SIGNIFICANT_DIGITS} significant digits); store the amount as text`,
    );
  }
  return parsed(rounded);
}

/** Rounds a canonical decimal string half away from zero. */
export function roundDecimal(decimal: string, scale = AMOUNT_SCALE): string {
  const match = CANONICAL.exec(decimal);
  if (!match) {
    throw new Error(`Not a canonical decimal: ${decimal}`);
  }
  const [, sign, integerDigits, fraction = ''] = match;
  if (fraction.length <= scale) {
    return canonicalDecimal(sign === '-', integerDigits, fraction.replace(/0+$/, ''));
  }
  let magnitude = BigInt(integerDigits + fraction.slice(0, scale));
  if (fraction.charCodeAt(scale) >= '5'.charCodeAt(0)) {
    magnitude += 1n;
  }
  return fromScaledInteger(sign === '-' ? -magnitude : magnitude, scale);
}

export function toScaledInteger(decimal: string, scale = AMOUNT_SCALE): bigint {
  const match = CANONICAL.exec(decimal);
  if (!match) {
    throw new Error(`Not a canonical decimal: ${decimal}`);
  }
  const [, sign, integerDigits, fraction = ''] = match;
  if (fraction.length > scale) {
    throw new Error(`${decimal} has more than ${scale} decimal places`);
  }
  const magnitude = BigInt(integerDigits + fraction.padEnd(scale, '0'));
  return sign === '-' ? -magnitude : magnitude;
}

export function fromScaledInteger(value: bigint, scale = AMOUNT_SCALE): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const integerDigits = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return canonicalDecimal(negative, integerDigits, fraction);
}

export function addDecimals(...values: string[]): string {
  return fromScaledInteger(values.reduce((sum, value) => sum + toScaledInteger(value), 0n));
}

export function decimalsEqual(left: string, right: string): boolean {
  return toScaledInteger(left) === toScaledInteger(right);
}

function canonicalDecimal(negative: boolean, integerDigits: string, fraction: string): string {
  const integerPart = integerDigits.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(integerPart) && /^0*$/.test(fraction);
  const body = fraction.length > 0 ? `${integerPart}.${fraction}` : integerPart;
  return negative && !isZero ? `-${body}` : body;
}

/** `String(n)` without exponent notation (`1e-7` → `0.0000001`). */
function plainDecimalString(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) {
    return text;
  }
  const [, sign, lead, rest = '', exponentText] = match;
  const digits = lead + rest;
  const pointIndex = 1 + Number(exponentText);
  if (pointIndex <= 0) {
    return `${sign}0.${'0'.repeat(-pointIndex)}${digits}`;
  }
  if (pointIndex >= digits.length) {
    return sign + digits + '0'.repeat(pointIndex - digits.length);
  }
  return `${sign}${digits.slice(0, pointIndex)}.${digits.slice(pointIndex)}`;
}
