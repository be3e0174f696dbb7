import type { IncomingHttpHeaders } from 'node:http';

/* The request and answer shapes the provider simulators' routes share, and the helpers around them. */

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
}

export interface SimResult {
  readonly status: number;
  /** Serialized as JSON unless `rawBody` is set; omitted for 204 and redirects. */
  readonly json?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (json: unknown): SimResult => ({ status: 200, json });
export const created = (json: unknown): SimResult => ({ status: 201, json });
export const noContent = (): SimResult => ({ status: 204 });
export const redirect = (location: string): SimResult => ({ status: 302, headers: { location } });

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function isFormEncoded(request: SimRequest): boolean {
  return (header(request.headers, 'content-type') ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
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

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
