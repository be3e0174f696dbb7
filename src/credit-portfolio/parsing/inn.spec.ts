import { innCheckDigits, innProblem, isValidInn } from './inn';

describe('ИНН checksum', () => {
  it.each(['7707083893', '7736050003', '0105012349'])('accepts the 10-digit ИНН %s', (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });

  it.each(['500100732259', '773400211252'])('accepts the 12-digit ИНН %s', (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });

  it.each([
    ['7707083894', 'checksum'],
    ['500100732258', 'checksum'],
    ['500100732249', 'checksum'],
    ['770708389', 'length'],
    ['77070838931', 'length'],
    ['77070838a3', 'length'],
    ['', 'length'],
  ])('rejects %s (%s)', (inn, problem) => {
    expect(innProblem(inn)).toBe(problem);
  });

  it('computes check digits for organisations and individuals', () => {
    expect(innCheckDigits('770708389')).toBe('3');
    expect(innCheckDigits('5001007322')).toBe('59');
    expect(() => innCheckDigits('12345')).toThrow();
  });
});
