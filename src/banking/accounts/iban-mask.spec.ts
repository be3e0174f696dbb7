import { maskIban } from './iban-mask';

describe('maskIban', () => {
  it('keeps the country, check digits and last four characters', () => {
    expect(maskIban('GB29NWBK60161331926819')).toBe('GB29**************6819');
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE89**************3000');
  });

  it('stars short values whole and passes null through', () => {
    expect(maskIban('GB29NWBK')).toBe('********');
    expect(maskIban(null)).toBeNull();
  });
});
