export interface SimCallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface SimCallOptions {
  readonly headers?: Record<string, string>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  readonly form?: string;
}

/** One HTTP call to a simulator, for specs: `url` is the base or a full URL (Graph's `next`). */
export async function simCall(
  base: string,
  method: string,
  path: string,
  options: SimCallOptions = {},
): Promise<SimCallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = options.form;
  }
  const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
