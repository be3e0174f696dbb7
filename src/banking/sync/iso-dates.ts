/** Calendar dates as `YYYY-MM-DD` strings in UTC (what the transaction tables store). */

export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** A DATE value as a driver returns it: `Date` (mysql2) or `'YYYY-MM-DD'` text (SQLite). */
export function isoDateFromDriver(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoDateOf(value);
  return String(value).slice(0, 10);
}
