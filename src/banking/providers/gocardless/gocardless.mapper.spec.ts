import { keyOf, mapGoCardlessTransactions, pickBalance } from './gocardless.mapper';

const row = (fields: Record<string, unknown>): Record<string, unknown> => ({
  transactionAmount: { amount: '-12.30', currency: 'EUR' },
  bookingDate: '2026-03-02',
  valueDate: '2026-03-01',
  remittanceInformationUnstructured: 'REWE SAGT DANKE',
  creditorName: 'REWE',
  ...fields,
});

describe('mapGoCardlessTransactions', () => {
  it('keys a row by internalTransactionId, not the bank transactionId, and keeps the amount exact', () => {
    const { transactions } = mapGoCardlessTransactions({
      booked: [row({ internalTransactionId: 'int-1', transactionId: 'bank-1' })],
      pending: [],
    });
    expect(transactions[0]).toMatchObject({
      providerTxKey: 'int-1',
      status: 'booked',
      amount: '-12.3000',
      currency: 'EUR',
      bookingDate: '2026-03-02',
      valueDate: '2026-03-01',
      description: 'REWE SAGT DANKE',
      counterparty: 'REWE',
    });
  });

  it('gives a row the same key and raw content when only its bank transactionId changes', () => {
    const first = mapGoCardlessTransactions({
      booked: [row({ internalTransactionId: 'int-1', transactionId: 'bank-1' })],
      pending: [],
    }).transactions[0];
    const second = mapGoCardlessTransactions({
      booked: [row({ internalTransactionId: 'int-1', transactionId: 'bank-2' })],
      pending: [],
    }).transactions[0];
    expect(second.providerTxKey).toBe(first.providerTxKey);
    expect(second.raw).toEqual(first.raw);
  });

  it('keys id-less pending rows by content, numbering identical ones, stably across fetches', () => {
    const pending = [row({ bookingDate: undefined }), row({ bookingDate: undefined })];
    const once = mapGoCardlessTransactions({ booked: [], pending }).transactions;
    const twice = mapGoCardlessTransactions({ booked: [], pending }).transactions;
    expect(once.map((t) => t.providerTxKey)).toEqual(twice.map((t) => t.providerTxKey));
    expect(new Set(once.map((t) => t.providerTxKey)).size).toBe(2);
    expect(once[0].providerTxKey).toMatch(/^content:/);
    expect(once[0]).toMatchObject({ status: 'pending', bookingDate: '2026-03-01' });
  });

  it('gives a pending row and its booked successor different keys when the booking brings ids', () => {
    const pendingKey = keyOf(row({ bookingDate: undefined }), 'pending');
    const bookedKey = keyOf(row({ internalTransactionId: 'int-9' }), 'booked');
    expect(pendingKey).not.toBe(bookedKey);
  });

  it('rejects a row without a date or with a bad amount instead of failing the page', () => {
    const { transactions, rejected } = mapGoCardlessTransactions({
      booked: [row({ internalTransactionId: 'ok' })],
      pending: [
        row({ bookingDate: undefined, valueDate: undefined, internalTransactionId: 'p1' }),
        row({ internalTransactionId: 'p2', transactionAmount: { amount: '1e3', currency: 'EUR' } }),
      ],
    });
    expect(transactions.map((t) => t.providerTxKey)).toEqual(['ok']);
    expect(rejected.map((r) => r.providerTxKey)).toEqual(['p1', 'p2']);
  });

  it('names the debtor as counterparty of money in', () => {
    const [income] = mapGoCardlessTransactions({
      booked: [
        row({ transactionAmount: { amount: '2500.00', currency: 'EUR' }, debtorName: 'ACME GmbH' }),
      ],
      pending: [],
    }).transactions;
    expect(income.counterparty).toBe('ACME GmbH');
  });
});

describe('pickBalance', () => {
  it('prefers closingBooked over interimAvailable and keeps the amount exact', () => {
    expect(
      pickBalance([
        { amount: '1.10', currency: 'eur', balanceType: 'interimAvailable', referenceDate: null },
        { amount: '657.49', currency: 'EUR', balanceType: 'closingBooked', referenceDate: null },
      ]),
    ).toEqual({ amount: '657.4900', currency: 'EUR' });
  });

  it('is null without balances', () => {
    expect(pickBalance([])).toBeNull();
  });
});
