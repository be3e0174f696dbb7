import type { IncomingHttpHeaders } from 'node:http';
import type { WireResponse } from './fault-layer';
import type { AccessToken } from './token-ledger';

/** One request as a simulator's routes see it. */
export interface SimExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The query string exactly as sent (without `?`), for protocols that care about encoding. */
  readonly rawQuery: string;
  /** Length of the request line's target, for URL-size limits. */
  readonly rawUrlLength: number;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
  /** `http://127.0.0.1:<port>`, for absolute links such as Graph's `paging.next`. */
  readonly origin: string;
  /** The access token the platform's gate accepted, for routes that depend on who asks. */
  readonly token?: AccessToken;
}

export interface SimExchangeResult {
  readonly status: number;
  /** Serialized as JSON; omitted for 204. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const okJson = (json: unknown, headers?: Record<string, string>): SimExchangeResult => ({
  status: 200,
  json,
  headers,
});

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '');
  return match?.[1];
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function toWireResponse(result: SimExchangeResult): WireResponse {
  if (result.status === 204) return { status: 204, headers: { ...result.headers }, body: '' };
  return {
    status: result.status,
    headers: { 'content-type': 'application/json', ...result.headers },
    body: JSON.stringify(result.json ?? {}),
  };
}
