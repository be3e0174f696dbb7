import { tinkError, type SimResult } from '../sim-http';

export const MAX_PAGE_SIZE = 100;

/** `pageSize` ≤ 100: larger values are capped, as Tink documents; junk is a 400. */
export function readPageSize(query: URLSearchParams): number | SimResult {
  const raw = query.get('pageSize');
  if (raw === null) return MAX_PAGE_SIZE;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return tinkError(400, 'INVALID_PARAMETER', 'pageSize must be a positive integer');
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}
