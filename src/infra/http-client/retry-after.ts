/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): either delta-seconds or an HTTP date.
 * Returns the wait in milliseconds (never negative), or `undefined` when absent or unparseable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.ceil(Number(trimmed) * 1000);
  }
  // A bare number with a sign is neither form; Date.parse would accept it as a year.
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
