import { decimalText } from './decimal-text';

describe('decimalText', () => {
  it('writes four fraction digits from exact strings and from numbers', () => {
    expect(decimalText('-130.5')).toBe('-130.5000');
    expect(decimalText('12')).toBe('12.0000');
    expect(decimalText('1.23456')).toBe('1.2345');
    expect(decimalText(-9.99)).toBe('-9.9900');
  });
});
