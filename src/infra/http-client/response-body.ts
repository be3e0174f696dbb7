import type { HttpResponse } from './http-client.types';

/** Thrown by a response decoder when the JSON lacks what the caller relies on. */
export class ResponseShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseShapeError';
  }
}

/**
 * Checks parsed JSON and returns it typed. Throws `ResponseShapeError` for a body of the wrong
 * shape; anything else it throws is treated as a bug and is not retried.
 */
export type ResponseDecoder<T> = (data: unknown) => T;

export type BodyReading<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly reason: string; readonly cause?: unknown };

/**
 * Reads a 2xx body as JSON and decodes it. An empty body is `undefined` (for the decoder to
 * accept or refuse); a body declared as something other than JSON, cut off, or of the wrong shape
 * cannot be used.
 */
export function readJsonBody<T>(
  response: HttpResponse,
  decode: ResponseDecoder<T>,
): BodyReading<T> {
  let data: unknown;
  if (response.bodyText.trim() !== '') {
    const contentType = response.headers['content-type'];
    if (contentType !== undefined && !isJsonMediaType(contentType)) {
      return { ok: false, reason: `response body is ${mediaTypeOf(contentType)}, not JSON` };
    }
    try {
      data = JSON.parse(response.bodyText);
    } catch (error) {
      return { ok: false, reason: 'response body is not valid JSON', cause: error };
    }
  }
  try {
    return { ok: true, data: decode(data) };
  } catch (error) {
    if (!(error instanceof ResponseShapeError)) throw error;
    return { ok: false, reason: `unexpected response shape (${error.message})`, cause: error };
  }
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** `application/json`, `application/problem+json`, `text/json`, ... */
function isJsonMediaType(contentType: string): boolean {
  const type = mediaTypeOf(contentType);
  return type === '' || /^[a-z]+\/(?:[\w.-]+\+)?json$/.test(type);
}
