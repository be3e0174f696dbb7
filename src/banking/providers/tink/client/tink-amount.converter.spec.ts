import { AmountConversionError, DECIMAL_19_4, scaledToDecimal } from './tink-amount.converter';

/** Independent reference: BigInt arithmetic with half-even rounding to 4 places. */
function reference(unscaled: string, scale: number): string {
  let value = BigInt(unscaled);
  const negative = value < 0n;
  if (negative) value = -value;
  let tenThousandths: bigint;
  if (scale <= 4) {
    tenThousandths = value * 10n ** BigInt(4 - scale);
  } else {
    const divisor = 10n ** BigInt(scale - 4);
    const quotient = value / divisor;
    const remainder = value % divisor;
    const twice = remainder * 2n;
    const roundUp = twice > divisor || (twice === divisor && quotient % 2n === 1n);
    tenThousandths = quotient + (roundUp ? 1n : 0n);
  }
  const text = tenThousandths.toString().padStart(5, '0');
  const result = `${text.slice(0, -4)}.${text.slice(-4)}`;
  return negative && tenThousandths !== 0n ? `-${result}` : result;
}

describe('scaledToDecimal', () => {
  it.each([
    ['-1300', '1', '-130.0000'],
    ['-13', '-1', '-130.0000'],
    ['5', '-3', '5000.0000'],
    ['12345', '2', '123.4500'],
    ['+12345', '2', '123.4500'],
    ['7', '0', '7.0000'],
    ['007', '0', '7.0000'],
    ['1', '4', '0.0001'],
    ['25', '3', '0.0250'],
    ['0', '2', '0.0000'],
    ['-0', '0', '0.0000'],
    ['1', '-14', '100000000000000.0000'],
    ['9999999999999999999', '4', '999999999999999.9999'],
  ])('%s with scale %s = %s', (unscaled, scale, expected) => {
    expect(scaledToDecimal(unscaled, scale)).toBe(expected);
  });

  describe('more than 4 fraction digits: round half to even (default)', () => {
    it.each([
      ['123455', '5', '1.2346'], // tie, 5 is odd → up
      ['123445', '5', '1.2344'], // tie, 4 is even → stays
      ['1234451', '6', '1.2345'], // above the tie → up
      ['1234449', '6', '1.2344'], // below the tie → down
      ['-123455', '5', '-1.2346'], // symmetric for negatives
      ['-123445', '5', '-1.2344'],
      ['99999', '5', '1.0000'], // carries into the integer part
      ['-99995', '5', '-1.0000'],
      ['1', '6', '0.0000'],
      ['-1', '6', '0.0000'], // never "-0.0000"
      ['5', '5', '0.0000'], // 0.00005: tie, 0 is even
      ['15', '5', '0.0002'], // 0.00015: tie, 1 is odd
      ['1230000', '6', '1.2300'], // trailing zeros are not precision
    ])('%s with scale %s → %s', (unscaled, scale, expected) => {
      expect(scaledToDecimal(unscaled, scale)).toBe(expected);
    });
  });

  it('rejects instead of rounding when asked to', () => {
    const strict = { ...DECIMAL_19_4, onExcessPrecision: 'reject' as const };
    expect(() => scaledToDecimal('123455', '5', strict)).toThrow(
      expect.objectContaining({ reason: 'excess_precision' }),
    );
    expect(scaledToDecimal('1230000', '6', strict)).toBe('1.2300');
  });

  it.each([
    ['1000000000000000', '0'],
    ['1', '-15'],
    ['99999999999999999995', '5'], // rounds up to 16 integer digits
  ])('rejects %s with scale %s as out of DECIMAL(19,4) range', (unscaled, scale) => {
    expect(() => scaledToDecimal(unscaled, scale)).toThrow(
      expect.objectContaining({ reason: 'out_of_range' }),
    );
  });

  it.each([
    ['12.5', '1', 'not_an_integer'],
    ['', '1', 'not_an_integer'],
    ['1e5', '0', 'not_an_integer'],
    ['1', 'x', 'not_an_integer'],
    ['1', '1.5', 'not_an_integer'],
    ['1', '65', 'scale_out_of_range'],
  ])('rejects unscaledValue %p / scale %p (%s)', (unscaled, scale, reason) => {
    expect(() => scaledToDecimal(unscaled, scale)).toThrow(AmountConversionError);
    expect(() => scaledToDecimal(unscaled, scale)).toThrow(expect.objectContaining({ reason }));
  });

  it('agrees with a BigInt reference on 5,000 random values', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5_000; i += 1) {
      const digits = String(Math.floor(random() * 10 ** Math.ceil(random() * 12)));
      const unscaled = random() < 0.5 ? `-${digits}` : digits;
      const scale = Math.floor(random() * 12) - 3;
      expect(scaledToDecimal(unscaled, String(scale))).toBe(reference(unscaled, scale));
    }
  });
});
