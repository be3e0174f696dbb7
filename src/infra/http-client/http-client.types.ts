export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type QueryScalar = string | number | boolean;
/** Arrays become repeated parameters (`?idIn=a&idIn=b`); `undefined` values are left out. */
export type QueryValue = QueryScalar | readonly QueryScalar[] | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export type RequestBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'form'; readonly value: Readonly<Record<string, string | undefined>> };

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL, or a path resolved against the client's base URL. */
  readonly path: string;
  readonly query?: QueryParams;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number;
  /** Cancels the whole call (all attempts and waits), e.g. a task-run timeout. */
  readonly signal?: AbortSignal;
  /**
   * Whether repeating the request after a network error, timeout or 5xx is harmless.
   * Defaults to true for GET/HEAD/PUT/DELETE/OPTIONS and false for POST/PATCH.
   * A 429 is always retried: the server did not process the request.
   */
  readonly idempotent?: boolean;
  /** Short label for logs and errors, e.g. `tink.list-transactions`. */
  readonly operation?: string;
}

/** Response headers with lower-cased names; repeated headers are joined with `, `. */
export type ResponseHeaders = Readonly<Record<string, string>>;

export interface HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly bodyText: string;
  /** Which attempt produced this response (1-based). */
  readonly attempts: number;
}

export interface JsonResponse<T = unknown> extends HttpResponse {
  /** Parsed body, as the request's decoder returned it (unchecked without one). Empty → `undefined`. */
  readonly data: T;
}
