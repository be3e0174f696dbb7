import { AddressInfo } from 'node:net';
import * as http from 'node:http';
import { HttpClient, HttpClientOptions } from './http-client';
import {
  MalformedResponseError,
  NeedsReauthHttpError,
  NetworkError,
  RateLimitedHttpError,
  RequestCancelledError,
  RequestTimeoutError,
  ServerError,
  TerminalHttpError,
} from './http-client.errors';
import { NodeHttpTransport } from './node-http-transport';
import { ResponseShapeError } from './response-body';
import { createInMemoryRequestRateLimiter } from './request-rate-limiter';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** A loopback server whose responses each test scripts, one handler per incoming request. */
class ScriptedServer {
  readonly seen: SeenRequest[] = [];
  connections = 0;
  private script: Handler[] = [];
  private fallback: Handler = (_req, res) => json(res, 200, { ok: true });
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      (this.script.shift() ?? this.fallback)(req, res, body);
    });
  });

  url = '';

  async start(): Promise<void> {
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  respond(...handlers: Handler[]): void {
    this.script = handlers;
  }

  respondAlways(handler: Handler): void {
    this.fallback = handler;
  }

  reset(): void {
    this.seen.length = 0;
    this.script = [];
    this.fallback = (_req, res) => json(res, 200, { ok: true });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const status =
  (
    code: number,
    headers: http.OutgoingHttpHeaders = {},
    body: unknown = { error: code },
  ): Handler =>
  (_req, res) =>
    json(res, code, body, headers);
const hang: Handler = () => undefined;

describe('HttpClient against a local server', () => {
  const server = new ScriptedServer();
  const transport = new NodeHttpTransport({ maxSockets: 8 });
  const fastRetry = {
    maxAttempts: 4,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    maxRetryAfterMs: 2_000,
  };
  const logger = { debug: jest.fn(), warn: jest.fn() };

  const client = (overrides: Partial<HttpClientOptions> = {}): HttpClient =>
    new HttpClient({
      provider: 'acme',
      baseUrl: server.url,
      transport,
      retry: fastRetry,
      timeoutMs: 1_000,
      logger,
      ...overrides,
    });

  beforeAll(() => server.start());
  afterEach(() => {
    server.reset();
    logger.debug.mockClear();
    logger.warn.mockClear();
  });
  afterAll(async () => {
    transport.close();
    await server.stop();
  });

  it('sends query arrays as repeated parameters and parses JSON', async () => {
    server.respond(status(200, {}, { items: [1, 2] }));
    const response = await client().requestJson({
      method: 'GET',
      path: '/v2/things',
      query: { idIn: ['a', 'b'], pageSize: 10, skip: undefined, active: true },
    });
    expect(response.data).toEqual({ items: [1, 2] });
    expect(response.attempts).toBe(1);
    expect(server.seen[0].url).toBe('/v2/things?idIn=a&idIn=b&pageSize=10&active=true');
  });

  it('keeps a path prefix of the base URL', async () => {
    await client({ baseUrl: `${server.url}/prefix/` }).request({ method: 'GET', path: 'x' });
    expect(server.seen[0].url).toBe('/prefix/x');
  });

  it('encodes form and JSON bodies with their content types', async () => {
    await client().request({
      method: 'POST',
      path: '/form',
      body: { kind: 'form', value: { a: '1 2', b: undefined, c: 'x&y' } },
    });
    await client().request({
      method: 'POST',
      path: '/json',
      body: { kind: 'json', value: { a: [1] } },
    });
    expect(server.seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.seen[0].body).toBe('a=1+2&c=x%26y');
    expect(server.seen[1].headers['content-type']).toBe('application/json');
    expect(server.seen[1].body).toBe('{"a":[1]}');
  });

  it('reuses pooled keep-alive connections', async () => {
    const before = server.connections;
    const http = client();
    for (let i = 0; i < 5; i += 1) await http.request({ method: 'GET', path: '/ping' });
    expect(server.connections - before).toBeLessThanOrEqual(1);
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    server.respond(status(503), status(502));
    const response = await client().request({ method: 'GET', path: '/flaky' });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0][1]).toMatchObject({
      code: 'server_error',
      status: 503,
      attempts: 1,
    });
  });

  it('gives up after maxAttempts with a retryable ServerError', async () => {
    server.respondAlways(status(500));
    const error = await client()
      .request({ method: 'GET', path: '/down' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      classification: 'retryable',
      status: 500,
      context: { attempts: 4 },
    });
    expect(server.seen).toHaveLength(4);
  });

  it('does not retry a non-idempotent POST after a 5xx unless told it is safe', async () => {
    server.respondAlways(status(503));
    await expect(client().request({ method: 'POST', path: '/once' })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(server.seen).toHaveLength(1);
    server.seen.length = 0;
    await expect(
      client().request({ method: 'POST', path: '/safe', idempotent: true }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(4);
  });

  it('honours Retry-After in seconds on 429', async () => {
    server.respond(status(429, { 'retry-after': '1' }));
    const startedAt = Date.now();
    const response = await client().request({ method: 'GET', path: '/limited' });
    expect(response.attempts).toBe(2);
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - startedAt).toBeLessThan(1_800);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 1_000).toUTCString();
    server.respond(status(429, { 'retry-after': at }));
    const response = await client().request({ method: 'GET', path: '/limited-date' });
    expect(response.attempts).toBe(2);
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(1);
  });

  it('backs off on 429 without Retry-After, even for POST', async () => {
    server.respond(status(429));
    const response = await client().request({ method: 'POST', path: '/limited-post' });
    expect(response.attempts).toBe(2);
  });

  it('surfaces rate_limited at once when Retry-After exceeds the bound', async () => {
    server.respondAlways(status(429, { 'retry-after': '120' }));
    const error = await client()
      .request({ method: 'GET', path: '/long-wait' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedHttpError);
    expect(error).toMatchObject({ classification: 'rate_limited', retryAfterMs: 120_000 });
    expect(server.seen).toHaveLength(1);
  });

  it('surfaces rate_limited when 429s outlast the attempts', async () => {
    server.respondAlways(status(429, { 'retry-after': '0' }));
    await expect(client().request({ method: 'GET', path: '/always-429' })).rejects.toBeInstanceOf(
      RateLimitedHttpError,
    );
    expect(server.seen).toHaveLength(4);
  });

  it('times out a hanging attempt and retries it', async () => {
    server.respond(hang);
    const response = await client({ timeoutMs: 100 }).request({ method: 'GET', path: '/slow' });
    expect(response.attempts).toBe(2);
  });

  it('classifies repeated timeouts as a retryable RequestTimeoutError', async () => {
    server.respondAlways(hang);
    const error = await client({ timeoutMs: 50, retry: { ...fastRetry, maxAttempts: 2 } })
      .request({ method: 'GET', path: '/stuck' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ classification: 'retryable', code: 'timeout' });
  });

  it('stops at once when the caller cancels, without retrying', async () => {
    server.respondAlways(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run timed out')), 50);
    const error = await client({ timeoutMs: 5_000 })
      .request({ method: 'GET', path: '/cancel', signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestCancelledError);
    expect(server.seen).toHaveLength(1);
  });

  const cutOff: Handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items": [1, 2');
  };

  it('retries a 200 whose body is cut off, like a 5xx, and then succeeds', async () => {
    server.respond(cutOff, cutOff);
    const response = await client().requestJson({ method: 'GET', path: '/flaky' });
    expect(response).toMatchObject({ status: 200, data: { ok: true }, attempts: 3 });
    expect(server.seen).toHaveLength(3);
  });

  it('fails with the reason once a body stays unusable for every attempt', async () => {
    server.respondAlways(cutOff);
    const error = await client()
      .requestJson({ method: 'GET', path: '/broken' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({
      code: 'malformed_response',
      classification: 'retryable',
      status: 200,
      context: { attempts: 4 },
    });
    expect(String(error)).toContain('response body is not valid JSON');
  });

  it('retries a body that is not JSON at all (e.g. a proxy page)', async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>Service busy</html>');
    });
    await expect(client().requestJson({ method: 'GET', path: '/html' })).resolves.toMatchObject({
      data: { ok: true },
      attempts: 2,
    });
    server.respondAlways((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Service busy</html>');
    });
    await expect(client().requestJson({ method: 'GET', path: '/html' })).rejects.toThrow(
      'response body is text/html, not JSON',
    );
  });

  it('retries JSON of the wrong shape when the decoder says so', async () => {
    const decode = (data: unknown): number[] => {
      const items = (data as { items?: unknown }).items;
      if (!Array.isArray(items)) throw new ResponseShapeError('items: expected an array');
      return items as number[];
    };
    server.respond(status(200, {}, { items: 'soon' }), status(200, {}, { items: [1, 2] }));
    await expect(
      client().requestJson({ method: 'GET', path: '/shape' }, decode),
    ).resolves.toMatchObject({ data: [1, 2], attempts: 2 });

    server.respondAlways(status(200, {}, { items: 'soon' }));
    await expect(client().requestJson({ method: 'GET', path: '/shape' }, decode)).rejects.toThrow(
      'unexpected response shape (items: expected an array)',
    );
  });

  it('does not resend a non-idempotent request whose answer was unusable', async () => {
    server.respondAlways(cutOff);
    const error = await client()
      .requestJson({ method: 'POST', path: '/once' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(server.seen).toHaveLength(1);
  });

  it("does not retry a decoder's own bug", async () => {
    const buggy = (): never => {
      throw new TypeError('cannot read properties of undefined');
    };
    await expect(client().requestJson({ method: 'GET', path: '/bug' }, buggy)).rejects.toThrow(
      TypeError,
    );
    expect(server.seen).toHaveLength(1);
  });

  it('never shows half a secret from a body cut off inside it', async () => {
    server.respondAlways((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"token_type":"bearer","access_token":"eyJhbGciOiJIUzI1NiJ9.c2VjcmV0');
    });
    const error = await client()
      .requestJson({ method: 'POST', path: '/token' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    const everything = JSON.stringify([String(error), logger.warn.mock.calls]);
    expect(everything).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('returns undefined data for an empty 204', async () => {
    server.respond((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client().requestJson({ method: 'POST', path: '/nothing' })).resolves.toMatchObject(
      { status: 204, data: undefined },
    );
  });

  it('classifies connection failures as retryable NetworkErrors', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await client({ baseUrl: `http://127.0.0.1:${port}` })
      .request({ method: 'GET', path: '/' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      classification: 'retryable',
      code: 'network_error',
      context: { attempts: 4 },
    });
  });

  it('retries a connection dropped mid-request', async () => {
    server.respond((req) => req.socket.destroy());
    const response = await client().request({ method: 'GET', path: '/drop' });
    expect(response.attempts).toBe(2);
  });

  it('maps 401 to needs_reauth and other 4xx to terminal, without retrying', async () => {
    server.respond(status(401), status(404));
    await expect(client().request({ method: 'GET', path: '/a' })).rejects.toBeInstanceOf(
      NeedsReauthHttpError,
    );
    await expect(client().request({ method: 'GET', path: '/b' })).rejects.toBeInstanceOf(
      TerminalHttpError,
    );
    expect(server.seen).toHaveLength(2);
  });

  it('lets a provider classifier refine failures', async () => {
    server.respond(status(400, {}, { errorCode: 'SESSION_EXPIRED' }));
    const http = client({
      classifyFailure: (response, context) =>
        response.bodyText.includes('SESSION_EXPIRED')
          ? new NeedsReauthHttpError('session expired', context, { code: 'session_expired' })
          : undefined,
    });
    await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      classification: 'needs_reauth',
      code: 'session_expired',
      status: 400,
    });
  });

  it('never puts secrets into error messages or logs', async () => {
    server.respondAlways(
      status(
        400,
        { 'x-request-id': 'req-1' },
        { error: 'bad', client_secret: 'S3CRET-BODY', access_token: 'TOKEN-BODY' },
      ),
    );
    const error = await client()
      .request({
        method: 'POST',
        path: '/oauth/token',
        query: { code: 'AUTH-CODE', market: 'GB' },
        headers: { authorization: 'Bearer HEADER-TOKEN' },
        body: { kind: 'form', value: { client_secret: 'S3CRET-FORM', password: 'PW' } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerminalHttpError);
    const everything = JSON.stringify([
      String(error),
      (error as TerminalHttpError).context,
      logger.debug.mock.calls,
      logger.warn.mock.calls,
    ]);
    for (const secret of [
      'S3CRET-BODY',
      'TOKEN-BODY',
      'AUTH-CODE',
      'HEADER-TOKEN',
      'S3CRET-FORM',
      'PW"',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('market=GB');
    expect((error as TerminalHttpError).context.requestId).toBe('req-1');
  });

  it('waits for the app-wide rate limiter on every attempt', async () => {
    const rateLimiter = createInMemoryRequestRateLimiter({
      requestsPerSecond: 50,
      key: 'acme-spec',
    });
    const http = client({ rateLimiter });
    await Promise.all(
      Array.from({ length: 15 }, () => http.request({ method: 'GET', path: '/budget' })),
    );
    const times = server.seen.map((r) => r.at).sort((a, b) => a - b);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(14 * 20 - 30);
  });

  it('lowers the shared rate on a 429 without Retry-After when the limit is app-wide', async () => {
    const rateLimiter = createInMemoryRequestRateLimiter({
      requestsPerSecond: 1_000,
      key: 'acme-bare',
    });
    server.respond((_req, res) => {
      res.writeHead(429);
      res.end();
    });
    const response = await client({ rateLimiter, appWideRateLimit: true }).request({
      method: 'GET',
      path: '/bare',
    });
    expect(response.attempts).toBe(2);
    expect(rateLimiter.requestsPerSecond).toBeCloseTo(700.01); // cut to 700, then one success
  });

  it('leaves the shared rate alone on a 429 when the limit is per account', async () => {
    const rateLimiter = createInMemoryRequestRateLimiter({
      requestsPerSecond: 1_000,
      key: 'acme-per-account',
    });
    server.respond(status(429));
    await client({ rateLimiter }).request({ method: 'GET', path: '/mine' });
    expect(rateLimiter.requestsPerSecond).toBe(1_000);
  });

  it('shares a 429 pause with every caller of the limiter when the limit is app-wide', async () => {
    const rateLimiter = createInMemoryRequestRateLimiter({
      requestsPerSecond: 1_000,
      key: 'acme-shared',
    });
    const http = client({ rateLimiter, appWideRateLimit: true });
    server.respond(status(429, { 'retry-after': '1' }));
    const first = http.request({ method: 'GET', path: '/first' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = Date.now();
    await http.request({ method: 'GET', path: '/second' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(800);
    await first;
  });
});
