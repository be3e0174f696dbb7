import type { QueryParams, RequestBody } from './http-client.types';

/** Joins base URL and path textually, so a base with a path prefix (`https://h/v2`) keeps it. */
export function buildUrl(baseUrl: string, path: string, query: QueryParams = {}): URL {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) url.searchParams.append(name, String(item));
  }
  return url;
}

export interface EncodedBody {
  readonly bytes: Buffer;
  readonly contentType: string;
}

export function encodeBody(body: RequestBody | undefined): EncodedBody | undefined {
  if (!body) return undefined;
  if (body.kind === 'json') {
    return {
      bytes: Buffer.from(JSON.stringify(body.value) ?? 'null', 'utf8'),
      contentType: 'application/json',
    };
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body.value)) {
    if (value !== undefined) form.append(name, value);
  }
  return {
    bytes: Buffer.from(form.toString(), 'utf8'),
    contentType: 'application/x-www-form-urlencoded',
  };
}
