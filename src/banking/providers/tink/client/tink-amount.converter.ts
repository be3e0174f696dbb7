/**
 * Exact conversion of Tink's `unscaledValue × 10^-scale` into a fixed-point decimal string, with
 * string arithmetic only (no floats, no BigInt needed).
 */

/** Digits beyond the target's fraction: round half-to-even (banker's rounding) or refuse. */
export type ExcessPrecisionPolicy = 'round-half-even' | 'reject';

export interface DecimalTarget {
  readonly fractionDigits: number;
  readonly maxIntegerDigits: number;
  readonly onExcessPrecision: ExcessPrecisionPolicy;
}

/**
 * MySQL DECIMAL(19,4): 15 integer digits, 4 fraction digits. Rounding is half-even by default:
 * it is unbiased over many rows and is what IEEE 754 and most ledgers use; choose `reject` to fail
 * the row instead.
 */
export const DECIMAL_19_4: DecimalTarget = {
  fractionDigits: 4,
  maxIntegerDigits: 15,
  onExcessPrecision: 'round-half-even',
};

export type AmountConversionFailure =
  'not_an_integer' | 'scale_out_of_range' | 'excess_precision' | 'out_of_range';

export class AmountConversionError extends Error {
  constructor(
    readonly reason: AmountConversionFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AmountConversionError';
  }
}

const MAX_ABSOLUTE_SCALE = 64;

export function scaledToDecimal(
  unscaledValue: string,
  scale: string,
  target: DecimalTarget = DECIMAL_19_4,
): string {
  const value = /^([+-]?)(\d+)$/.exec(unscaledValue.trim());
  if (!value) {
    throw new AmountConversionError(
      'not_an_integer',
      `unscaledValue "${unscaledValue}" is not an integer`,
    );
  }
  if (!/^[+-]?\d+$/.test(scale.trim())) {
    throw new AmountConversionError('not_an_integer', `scale "${scale}" is not an integer`);
  }
  const exponent = Number(scale.trim());
  if (Math.abs(exponent) > MAX_ABSOLUTE_SCALE) {
    throw new AmountConversionError('scale_out_of_range', `scale ${exponent} is out of range`);
  }
  const negative = value[1] === '-';
  const digits = value[2].replace(/^0+/, '') || '0';

  let integerPart: string;
  let fraction: string;
  if (exponent <= 0) {
    integerPart = digits === '0' ? '0' : digits + '0'.repeat(-exponent);
    fraction = '';
  } else {
    const padded = digits.padStart(exponent + 1, '0');
    integerPart = padded.slice(0, padded.length - exponent);
    fraction = padded.slice(padded.length - exponent);
  }

  const places = target.fractionDigits;
  if (fraction.length > places) {
    const kept = fraction.slice(0, places);
    const dropped = fraction.slice(places);
    fraction = kept;
    if (/[1-9]/.test(dropped)) {
      if (target.onExcessPrecision === 'reject') {
        throw new AmountConversionError(
          'excess_precision',
          `${unscaledValue}e-${exponent} has more than ${places} fraction digits`,
        );
      }
      const lastKeptDigit = (integerPart + kept).slice(-1);
      if (roundsAwayFromZero(dropped, lastKeptDigit)) {
        const bumped = incrementDigits(integerPart + kept);
        integerPart = bumped.slice(0, bumped.length - places);
        fraction = bumped.slice(bumped.length - places);
      }
    }
  }
  fraction = fraction.padEnd(places, '0');
  integerPart = integerPart.replace(/^0+(?=\d)/, '');
  if (integerPart.length > target.maxIntegerDigits) {
    throw new AmountConversionError(
      'out_of_range',
      `${unscaledValue}e-${exponent} needs more than ${target.maxIntegerDigits} integer digits`,
    );
  }
  const isZero = /^0+$/.test(integerPart + fraction);
  const sign = negative && !isZero ? '-' : '';
  return places > 0 ? `${sign}${integerPart}.${fraction}` : `${sign}${integerPart}`;
}

/** Half-to-even on the magnitude, so it is symmetric for negative amounts. */
function roundsAwayFromZero(dropped: string, lastKeptDigit: string): boolean {
  const first = dropped[0];
  if (first > '5') return true;
  if (first < '5') return false;
  if (/[1-9]/.test(dropped.slice(1))) return true;
  return Number(lastKeptDigit) % 2 === 1;
}

/** Adds one to a string of decimal digits. */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
