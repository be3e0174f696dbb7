import { compareNewestFirst, mergeNewestFirst } from './newest-first';

const at = (bookingDate: string, id: number) => ({ bookingDate, id });

describe('compareNewestFirst', () => {
  it('orders by booking date descending, then by id descending', () => {
    const rows = [
      at('2025-01-01', 5),
      at('2026-01-01', 1),
      at('2025-01-01', 9),
      at('2024-12-31', 99),
    ];
    expect(rows.sort(compareNewestFirst)).toEqual([
      at('2026-01-01', 1),
      at('2025-01-01', 9),
      at('2025-01-01', 5),
      at('2024-12-31', 99),
    ]);
  });
});

describe('mergeNewestFirst', () => {
  it('interleaves the lists and keeps the first count, ties on a day split by id across lists', () => {
    const live = [at('2026-01-02', 7), at('2026-01-01', 4), at('2026-01-01', 2)];
    const archived = [at('2026-01-01', 3), at('2025-06-01', 1)];
    expect(mergeNewestFirst([live, archived], 4, (row) => row)).toEqual([
      at('2026-01-02', 7),
      at('2026-01-01', 4),
      at('2026-01-01', 3),
      at('2026-01-01', 2),
    ]);
  });

  it('returns fewer than count when the lists hold fewer', () => {
    expect(mergeNewestFirst([[at('2026-01-01', 1)], []], 3, (row) => row)).toEqual([
      at('2026-01-01', 1),
    ]);
  });
});
