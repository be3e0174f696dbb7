import { transactionWindowStart } from './sync-window';

const base = {
  today: '2026-03-01',
  transactionsSyncedAt: null,
  earliestPendingDate: null,
  historyDays: 365,
  overlapDays: 10,
};

describe('transactionWindowStart', () => {
  it('reads the whole history on the first sync', () => {
    expect(transactionWindowStart(base)).toBe('2025-03-01');
  });

  it('re-reads the overlap before the last complete sync', () => {
    expect(
      transactionWindowStart({ ...base, transactionsSyncedAt: new Date('2026-02-28T23:30:00Z') }),
    ).toBe('2026-02-18');
  });

  it('reaches back to the oldest stored pending row', () => {
    expect(
      transactionWindowStart({
        ...base,
        transactionsSyncedAt: new Date('2026-02-28T10:00:00Z'),
        earliestPendingDate: '2026-01-20',
      }),
    ).toBe('2026-01-20');
  });

  it('never reads before the history window', () => {
    expect(
      transactionWindowStart({
        ...base,
        transactionsSyncedAt: new Date('2024-01-01T00:00:00Z'),
        earliestPendingDate: '2023-06-01',
      }),
    ).toBe('2025-03-01');
  });
});
