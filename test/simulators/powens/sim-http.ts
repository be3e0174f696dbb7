import type { SimResult } from '../shared/sim-http';

export * from '../shared/sim-http';

/** Powens' error body on every endpoint (`ServiceError`). */
export function powensError(
  status: number,
  code: string,
  description: string,
  message: string | null = null,
): SimResult {
  return { status, json: { code, description, message, request_id: null } };
}

/** Powens flags (`all`, `background`) are on when present, empty or `true`. */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== 'false' && value !== '0';
}
