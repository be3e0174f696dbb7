import { GoCardlessAmountError, parseGoCardlessAmount } from './gocardless-amount';

describe('parseGoCardlessAmount', () => {
  it.each([
    ['-12.5', '-12.5000'],
    ['657.49', '657.4900'],
    ['100', '100.0000'],
    ['+3.1', '3.1000'],
    ['0.00005', '0.0000'],
    ['0.00015', '0.0002'],
    ['0.000151', '0.0002'],
    ['9.99995', '10.0000'],
    ['-0.00', '0.0000'],
    ['000123.4', '123.4000'],
    ['123456789012345.1234', '123456789012345.1234'],
  ])('%s → %s', (input, expected) => {
    expect(parseGoCardlessAmount(input)).toBe(expected);
  });

  it.each(['1e3', '1,50', '', 'abc', '1234567890123456.0'])('refuses %j', (input) => {
    expect(() => parseGoCardlessAmount(input)).toThrow(GoCardlessAmountError);
  });
});
