import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
}

export interface SimResult {
  readonly status: number;
  /** Serialized as JSON; omitted for 204 and redirects. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (json: unknown): SimResult => ({ status: 200, json });
export const noContent = (): SimResult => ({ status: 204 });
export const redirect = (location: string): SimResult => ({ status: 302, headers: { location } });

/** Powens' error body on every endpoint (`ServiceError`). */
export function powensError(
  status: number,
  code: string,
  description: string,
  message: string | null = null,
): SimResult {
  return { status, json: { code, description, message, request_id: null } };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function parseJsonBody(request: SimRequest): { ok: true; value: unknown } | { ok: false } {
  if (request.bodyText.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.bodyText) as unknown };
  } catch {
    return { ok: false };
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Powens flags (`all`, `background`) are on when present, empty or `true`. */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== 'false' && value !== '0';
}
