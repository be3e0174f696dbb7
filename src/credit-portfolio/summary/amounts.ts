import { AMOUNT_SCALE, fromScaledInteger, toScaledInteger } from '../parsing';

/**
 * SQL for an exact sum of a DECIMAL(19,4) expression. MySQL sums DECIMAL exactly and returns a
 * decimal string. SQLite keeps such values as REAL, so each one is scaled to an integer first and
 * the sum comes back as text (an int64 beyond 2^53 would lose digits as a JS number).
 */
export function exactSumSql(expression: string, engine: 'mysql' | 'sqlite'): string {
  if (engine === 'mysql') return `SUM(${expression})`;
  const scale = 10 ** AMOUNT_SCALE;
  return `CAST(SUM(CAST(ROUND((${expression}) * ${scale}) AS INTEGER)) AS TEXT)`;
}

/** Reads what exactSumSql returned as a scaled integer (amount × 10^4); NULL (no rows) is 0. */
export function scaledSum(value: unknown, engine: 'mysql' | 'sqlite'): bigint {
  if (value === null || value === undefined) return 0n;
  const text = String(value).trim();
  return engine === 'mysql' ? toScaledInteger(text) : BigInt(text);
}

/** `1234.5` → `"1234.50"`: at least two decimals, up to four. */
export function formatAmount(scaled: bigint): string {
  const canonical = fromScaledInteger(scaled);
  const [integer, fraction = ''] = canonical.split('.');
  return `${integer}.${fraction.padEnd(2, '0')}`;
}

/** A DATE column read raw: mysql2 gives a Date at UTC midnight, SQLite the text. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
