import { exactSumSql, formatAmount, isoDate, scaledSum } from './amounts';

describe('amounts', () => {
  it('sums exactly on each engine', () => {
    expect(exactSumSql('r.amount', 'mysql')).toBe('SUM(r.amount)');
    expect(exactSumSql('r.amount', 'sqlite')).toBe(
      'CAST(SUM(CAST(ROUND((r.amount) * 10000) AS INTEGER)) AS TEXT)',
    );
    expect(scaledSum('1234567890123.4567', 'mysql')).toBe(12345678901234567n);
    expect(scaledSum('12345678901234567', 'sqlite')).toBe(12345678901234567n);
    expect(scaledSum(null, 'mysql')).toBe(0n);
  });

  it('formats with two to four decimals', () => {
    expect(formatAmount(12345000n)).toBe('1234.50');
    expect(formatAmount(12345678n)).toBe('1234.5678');
    expect(formatAmount(-100n)).toBe('-0.01');
    expect(formatAmount(0n)).toBe('0.00');
  });

  it('reads DATE columns from either driver', () => {
    expect(isoDate(new Date('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
    expect(isoDate('2026-01-15')).toBe('2026-01-15');
    expect(isoDate(null)).toBeNull();
  });
});
