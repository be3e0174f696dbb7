import { decodeTinkAccount } from './dto/tink-account.dto';
import { decodeTinkTransaction } from './dto/tink-transaction.dto';
import { TinkMappingError } from './errors/tink-mapping.error';
import { DECIMAL_19_4 } from './client/tink-amount.converter';
import { mapTinkAccount, mapTinkTransaction } from './tink.mapper';

const amount = (unscaledValue: string, scale: string, currencyCode = 'GBP') => ({
  currencyCode,
  value: { unscaledValue, scale },
});

function tinkTransaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'tx-1',
    accountId: 'acc-1',
    amount: amount('-1300', '1'),
    status: 'BOOKED',
    dates: { booked: '2026-01-10', value: '2026-01-11', transaction: '2026-01-09' },
    descriptions: {
      original: 'TESCO STORES 1234',
      display: 'Tesco',
      detailed: { unstructured: 'x' },
    },
    identifiers: { providerTransactionId: 'bank-77' },
    merchantInformation: { merchantName: 'Tesco Stores', merchantCategoryCode: '5411' },
    counterparties: { payee: { name: 'TESCO PLC' } },
    reference: 'REF1',
    providerMutability: 'IMMUTABLE',
    categories: { pfm: { id: 'cat-groceries', name: '' } },
    ...overrides,
  };
}

const map = (raw: Record<string, unknown>) => mapTinkTransaction(decodeTinkTransaction(raw));

describe('mapTinkAccount', () => {
  it('maps the documented fields', () => {
    const account = mapTinkAccount(
      decodeTinkAccount({
        id: 'acc-1',
        name: 'Current',
        type: 'CHECKING',
        balances: {
          booked: { amount: amount('-13', '-1', 'EUR') },
          available: { amount: amount('1', '0') },
        },
        dates: { lastRefreshed: '2026-02-01T10:00:00.123Z' },
        identifiers: { iban: { iban: 'GB33 BUKB 2020 1555 5555 55', bban: 'x' } },
      }),
    );
    expect(account).toEqual({
      externalId: 'acc-1',
      name: 'Current',
      iban: 'GB33BUKB20201555555555',
      type: 'checking',
      currency: 'EUR',
      balance: '-130.0000',
      balanceAt: new Date('2026-02-01T10:00:00.123Z'),
    });
  });

  it.each([
    ['SAVINGS', 'savings'],
    ['CREDIT_CARD', 'credit_card'],
    ['UNDEFINED', 'other'],
    ['PENSION', 'other'], // Tink may add types
  ])('maps type %s to %s', (type, expected) => {
    expect(mapTinkAccount(decodeTinkAccount({ id: 'a', name: 'n', type })).type).toBe(expected);
  });

  it('falls back to the available balance, and to null when there is none', () => {
    const availableOnly = decodeTinkAccount({
      id: 'a',
      name: 'n',
      type: 'SAVINGS',
      balances: { available: { amount: amount('5', '2') } },
    });
    expect(mapTinkAccount(availableOnly)).toMatchObject({ balance: '0.0500', currency: 'GBP' });
    expect(
      mapTinkAccount(decodeTinkAccount({ id: 'a', name: 'n', type: 'SAVINGS' })),
    ).toMatchObject({
      balance: null,
      currency: null,
      iban: null,
      balanceAt: null,
    });
  });
});

describe('mapTinkTransaction', () => {
  it('maps a booked transaction exactly', () => {
    const raw = tinkTransaction();
    expect(map(raw)).toEqual({
      providerTxKey: 'tx-1',
      providerReference: 'bank-77',
      status: 'booked',
      bookingDate: '2026-01-10',
      valueDate: '2026-01-11',
      amount: '-130.0000',
      currency: 'GBP',
      description: 'Tesco',
      originalDescription: 'TESCO STORES 1234',
      counterparty: 'TESCO PLC',
      categoryId: 'cat-groceries',
      category: null,
      raw: expect.objectContaining({ id: 'tx-1', reference: 'REF1' }),
    });
  });

  it.each([
    ['-1300', '1', '-130.0000'],
    ['-13', '-1', '-130.0000'],
    ['4', '-2', '400.0000'],
    ['123456', '3', '123.4560'],
    ['1999995', '5', '20.0000'],
    ['0', '0', '0.0000'],
  ])('converts unscaledValue %s with scale %s to %s', (unscaledValue, scale, expected) => {
    expect(map(tinkTransaction({ amount: amount(unscaledValue, scale) })).amount).toBe(expected);
  });

  it('accepts integer amounts too (the balances endpoint sends numbers)', () => {
    const raw = tinkTransaction({
      amount: { currencyCode: 'SEK', value: { unscaledValue: -250, scale: 1 } },
    });
    expect(map(raw)).toMatchObject({ amount: '-25.0000', currency: 'SEK' });
  });

  it('can reject amounts that DECIMAL(19,4) cannot hold exactly', () => {
    const raw = decodeTinkTransaction(tinkTransaction({ amount: amount('123455', '5') }));
    expect(mapTinkTransaction(raw).amount).toBe('1.2346');
    expect(() =>
      mapTinkTransaction(raw, { decimal: { ...DECIMAL_19_4, onExcessPrecision: 'reject' } }),
    ).toThrow(TinkMappingError);
  });

  it('rejects a non-numeric amount with a mapping error naming the field', () => {
    expect(() => map(tinkTransaction({ amount: amount('12.50', '2') }))).toThrow(
      /transaction\.amount/,
    );
  });

  it('maps a pending row with its expected booking date', () => {
    const pending = map(
      tinkTransaction({
        status: 'PENDING',
        dates: { booked: '2026-01-12' },
        providerMutability: 'MUTABLE',
      }),
    );
    expect(pending).toMatchObject({
      status: 'pending',
      bookingDate: '2026-01-12',
      valueDate: null,
    });
  });

  it('keeps the key when a pending row books under the same id, so the upsert updates it', () => {
    const pending = map(tinkTransaction({ status: 'PENDING', dates: { booked: '2026-01-12' } }));
    const booked = map(tinkTransaction({ status: 'BOOKED', dates: { booked: '2026-01-13' } }));
    expect(booked.providerTxKey).toBe(pending.providerTxKey);
    expect([pending.status, booked.status]).toEqual(['pending', 'booked']);
    expect(booked.bookingDate).toBe('2026-01-13');
  });

  it('gives a new key when the booked row gets a new id (the stale pending row must be removed)', () => {
    const pending = map(tinkTransaction({ id: 'p-1', status: 'PENDING' }));
    const booked = map(tinkTransaction({ id: 'b-1', status: 'BOOKED' }));
    expect(booked.providerTxKey).not.toBe(pending.providerTxKey);
  });

  it('treats the deprecated UNDEFINED status as booked and refuses unknown ones', () => {
    expect(map(tinkTransaction({ status: 'UNDEFINED' })).status).toBe('booked');
    expect(() => map(tinkTransaction({ status: 'REVERSED' }))).toThrow(TinkMappingError);
  });

  it('takes the date part of date-times and validates calendar dates', () => {
    expect(
      map(tinkTransaction({ dates: { booked: '2026-03-01T23:30:00+01:00' } })).bookingDate,
    ).toBe('2026-03-01');
    expect(() => map(tinkTransaction({ dates: { booked: '2026-02-30' } }))).toThrow(
      /calendar date/,
    );
    expect(() => map(tinkTransaction({ dates: { booked: '10/01/2026' } }))).toThrow(/not a date/);
    expect(map(tinkTransaction({ dates: { booked: '2024-02-29' } })).bookingDate).toBe(
      '2024-02-29',
    );
  });

  it('takes the counterparty from the payer for money in, falling back to the merchant', () => {
    const incoming = tinkTransaction({
      amount: amount('250000', '2'),
      counterparties: { payer: { name: 'ACME Payroll' } },
    });
    expect(map(incoming).counterparty).toBe('ACME Payroll');
    expect(map(tinkTransaction({ counterparties: {} })).counterparty).toBe('Tesco Stores');
    expect(
      map(tinkTransaction({ counterparties: {}, merchantInformation: undefined })).counterparty,
    ).toBeNull();
  });

  it('describes a row from display, then original, then the unstructured text, then the reference', () => {
    expect(map(tinkTransaction({ descriptions: { original: 'ORIG' } })).description).toBe('ORIG');
    expect(
      map(tinkTransaction({ descriptions: { detailed: { unstructured: 'U' } } })).description,
    ).toBe('U');
    expect(map(tinkTransaction({ descriptions: undefined })).description).toBe('REF1');
  });

  it("keeps the bank's own text next to the display text", () => {
    const mapped = map(
      tinkTransaction({ descriptions: { display: 'Card purchase', original: 'CARD PURCHASE 17' } }),
    );
    expect(mapped).toMatchObject({
      description: 'Card purchase',
      originalDescription: 'CARD PURCHASE 17',
    });
    expect(map(tinkTransaction({ descriptions: { display: 'D' } })).originalDescription).toBeNull();
  });

  it('stores a category id with its name, and never the id as a name', () => {
    const named = map(tinkTransaction({ categories: { pfm: { id: 'c1', name: 'Groceries' } } }));
    expect(named).toMatchObject({ categoryId: 'c1', category: 'Groceries' });
    const unnamed = map(tinkTransaction({ categories: { pfm: { id: 'c1', name: '  ' } } }));
    expect(unnamed).toMatchObject({ categoryId: 'c1', category: null });
    expect(map(tinkTransaction({ categories: undefined }))).toMatchObject({
      categoryId: null,
      category: null,
    });
  });

  it('keeps fields Tink adds later in raw', () => {
    const mapped = map(tinkTransaction({ enrichment: { version: 2 } }));
    expect(mapped.raw).toMatchObject({
      enrichment: { version: 2 },
      identifiers: { providerTransactionId: 'bank-77' },
    });
  });
});
