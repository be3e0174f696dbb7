import type { ProviderTransaction } from './bank-sync.types';
import { StoredTransactionRef, isEmptyPlan, planIngest, withoutInserts } from './ingest-plan';
import { PreparedTransaction, prepareTransactions } from './prepared-transaction';

function row(key: string, overrides: Partial<ProviderTransaction> = {}): PreparedTransaction {
  const transaction: ProviderTransaction = {
    providerTxKey: key,
    providerReference: `ref-${key}`,
    status: 'booked',
    bookingDate: '2026-01-10',
    valueDate: null,
    amount: '-1.0000',
    currency: 'GBP',
    description: key,
    originalDescription: null,
    counterparty: null,
    categoryId: null,
    category: null,
    raw: { id: key },
    ...overrides,
  };
  return prepareTransactions([transaction]).rows[0];
}

function stored(id: number, prepared: PreparedTransaction): StoredTransactionRef {
  return {
    id,
    providerTxKey: prepared.providerTxKey,
    providerReference: prepared.providerReference,
    status: prepared.status,
    contentHash: prepared.contentHash,
  };
}

describe('planIngest', () => {
  it('inserts everything on the first sync', () => {
    const plan = planIngest([], [row('a'), row('b')]);
    expect(plan.inserts.map((r) => r.providerTxKey)).toEqual(['a', 'b']);
    expect(plan).toMatchObject({ updates: [], rekeys: [], removals: [], unchanged: 0 });
  });

  it('writes nothing when nothing changed', () => {
    const plan = planIngest([stored(1, row('a')), stored(2, row('b'))], [row('a'), row('b')]);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.unchanged).toBe(2);
  });

  it('updates a pending row in place when it books under the same key', () => {
    const pending = row('a', { status: 'pending', bookingDate: '2026-01-12' });
    const booked = row('a', { status: 'booked', bookingDate: '2026-01-13' });
    const plan = planIngest([stored(7, pending)], [booked]);
    expect(plan.updates).toEqual([booked]);
    expect(plan.removals).toEqual([]);
  });

  it('re-keys a pending row the provider re-issued under a new key, matched by bank reference', () => {
    const pending = row('p-1', { status: 'pending', providerReference: 'bank-9' });
    const booked = row('b-1', { status: 'booked', providerReference: 'bank-9' });
    const plan = planIngest([stored(7, pending)], [booked]);
    expect(plan.rekeys).toEqual([{ id: 7, row: booked }]);
    expect(plan).toMatchObject({ inserts: [], removals: [] });
  });

  it('removes pending rows that vanished, keeps vanished booked ones', () => {
    const plan = planIngest(
      [
        stored(1, row('gone-pending', { status: 'pending', providerReference: null })),
        stored(2, row('old-booked')),
        stored(3, row('unmappable', { status: 'pending' })),
      ],
      [row('new')],
      new Set(['unmappable']),
    );
    expect(plan.removals).toEqual([1]);
    expect(plan.inserts.map((r) => r.providerTxKey)).toEqual(['new']);
  });

  it('does not re-key onto a pending row still listed, nor from a new pending row', () => {
    const stillPending = row('p-1', { status: 'pending', providerReference: 'bank-9' });
    const plan = planIngest(
      [stored(7, stillPending)],
      [stillPending, row('p-2', { status: 'pending', providerReference: 'bank-9' })],
    );
    expect(plan.rekeys).toEqual([]);
    expect(plan.inserts.map((r) => r.providerTxKey)).toEqual(['p-2']);
    expect(plan.unchanged).toBe(1);
  });
});

describe('withoutInserts', () => {
  it('drops the inserts of the given keys and counts them unchanged, leaving the rest of the plan', () => {
    const kept = row('kept');
    const plan = planIngest(
      [stored(1, row('x', { description: 'old' }))],
      [row('a'), kept, row('x')],
    );

    const filtered = withoutInserts(plan, new Set(['a', 'x', 'unknown']));

    expect(filtered.inserts).toEqual([kept]);
    expect(filtered.updates).toEqual(plan.updates);
    expect(filtered.unchanged).toBe(plan.unchanged + 1);
  });

  it('returns the plan itself when no key is given', () => {
    const plan = planIngest([], [row('a')]);
    expect(withoutInserts(plan, new Set())).toBe(plan);
  });
});
