import type { SimRequest } from '../sim-http';

/** GoCardless' `{count, next, previous, results}` with `limit` (default 100) and `offset`. */
export function paginate<T>(
  request: SimRequest,
  baseUrl: string,
  items: readonly T[],
  render: (item: T) => unknown,
): Record<string, unknown> {
  const limit = positiveInt(request.query.get('limit'), 100);
  const offset = positiveInt(request.query.get('offset'), 0);
  const pageUrl = (at: number): string => {
    const query = new URLSearchParams({ limit: String(limit), offset: String(at) });
    return `${baseUrl}${request.path}?${query}`;
  };
  return {
    count: items.length,
    next: offset + limit < items.length ? pageUrl(offset + limit) : null,
    previous: offset > 0 ? pageUrl(Math.max(0, offset - limit)) : null,
    results: items.slice(offset, offset + limit).map(render),
  };
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}
