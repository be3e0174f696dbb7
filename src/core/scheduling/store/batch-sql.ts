/**
 * Pieces of the engine's hand-written batch statements. The dispatcher fires up to hundreds of tasks a
 * second; one statement per batch instead of one per fire keeps the database round trips and the
 * query-building garbage flat. Every string here runs on MySQL/MariaDB and SQLite (both bind `?`).
 */

/** `?, ?, …` */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** `CASE id WHEN ? THEN ? … END`: a per-row value in one UPDATE; parameters go id, value, id, value, … */
export function caseById(count: number): string {
  return `CASE id ${'WHEN ? THEN ? '.repeat(count)}END`;
}

/** `(id = ? AND <column> = ?) OR …`: a compare-and-set condition for several rows at once. */
export function idAndValueMatch(column: string, count: number): string {
  return Array.from({ length: count }, () => `(id = ? AND ${column} = ?)`).join(' OR ');
}

/** The parameters of `caseById`: each row's id followed by its value. */
export function caseParameters<T>(
  rows: readonly T[],
  id: (row: T) => string,
  value: (row: T) => unknown,
): unknown[] {
  const parameters: unknown[] = [];
  for (const row of rows) parameters.push(id(row), value(row));
  return parameters;
}
