import type { ProviderTransaction } from './bank-sync.types';
import { prepareTransactions } from './prepared-transaction';

function transaction(overrides: Partial<ProviderTransaction> = {}): ProviderTransaction {
  return {
    providerTxKey: 'tx-1',
    providerReference: 'bank-1',
    status: 'booked',
    bookingDate: '2026-01-10',
    valueDate: '2026-01-11',
    amount: '-12.5000',
    currency: 'gbp',
    description: 'Tesco',
    originalDescription: null,
    counterparty: 'Tesco PLC',
    categoryId: null,
    category: 'groceries',
    raw: { id: 'tx-1', nested: { a: 1 } },
    ...overrides,
  };
}

describe('prepareTransactions', () => {
  it('normalises a row and digests its content', () => {
    const { rows, rejected } = prepareTransactions([transaction()]);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        providerTxKey: 'tx-1',
        currency: 'GBP',
        bookingDate: '2026-01-10',
        rawJson: '{"id":"tx-1","nested":{"a":1}}',
        contentHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      }),
    ]);
  });

  it('gives equal rows equal digests and any change a new one', () => {
    const digest = (row: ProviderTransaction): string =>
      prepareTransactions([row]).rows[0].contentHash;
    const same = digest(transaction());
    expect(digest(transaction())).toBe(same);
    expect(digest(transaction({ status: 'pending' }))).not.toBe(same);
    expect(digest(transaction({ amount: '-12.5001' }))).not.toBe(same);
    expect(digest(transaction({ raw: { id: 'tx-1', nested: { a: 2 } } }))).not.toBe(same);
    expect(digest(transaction({ originalDescription: 'TESCO 17' }))).not.toBe(same);
    expect(digest(transaction({ categoryId: 'c1' }))).not.toBe(same);
  });

  it('falls back to the value date, and rejects rows with no date, bad keys or currencies', () => {
    const { rows, rejected } = prepareTransactions([
      transaction({ providerTxKey: 'a', bookingDate: null }),
      transaction({ providerTxKey: 'b', bookingDate: null, valueDate: null }),
      transaction({ providerTxKey: 'x'.repeat(129) }),
      transaction({ providerTxKey: 'c', currency: 'EURO' }),
    ]);
    expect(rows.map((row) => [row.providerTxKey, row.bookingDate])).toEqual([['a', '2026-01-11']]);
    expect(rejected.map((row) => row.reason)).toEqual([
      'no booking or value date',
      'key must be 1–128 characters',
      'currency "EURO" is not an ISO 4217 code',
    ]);
  });

  it('bounds free text to the columns and keeps the last of duplicate keys', () => {
    const { rows } = prepareTransactions([
      transaction({ description: 'first' }),
      transaction({ description: 'second', counterparty: 'y'.repeat(300) }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].description).toBe('second');
    expect(rows[0].counterparty).toHaveLength(255);
  });
});
