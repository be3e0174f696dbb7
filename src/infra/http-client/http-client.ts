import { abortableSleep } from '../async/abortable-sleep';
import { backoffDelayMs } from '../async/backoff';
import type { RateGeneration } from './adaptive-rate';
import { FailureClassifier, FailedResponse, classifyByStatus } from './failure-classification';
import {
  HttpClientError,
  HttpErrorContext,
  MalformedResponseError,
  NetworkError,
  RateLimitedHttpError,
  RequestCancelledError,
  RequestTimeoutError,
} from './http-client.errors';
import { HttpClientLogger, silentHttpClientLogger } from './http-client-logger';
import type { HttpMethod, HttpRequest, HttpResponse, JsonResponse } from './http-client.types';
import type { HttpTransport, TransportRequest, TransportResponse } from './http-transport';
import { NodeHttpTransport } from './node-http-transport';
import { Redactor } from './redaction';
import { RequestRateLimiter, createInMemoryRequestRateLimiter } from './request-rate-limiter';
import { buildUrl, encodeBody } from './request-encoding';
import { BodyReading, ResponseDecoder, readJsonBody } from './response-body';
import { parseRetryAfterMs } from './retry-after';
import { DEFAULT_RETRY_POLICY, RetryPolicy, decideRetry } from './retry-decision';

export interface HttpClientOptions {
  /** Names the provider in logs, errors and the default rate-limit key. */
  readonly provider: string;
  readonly baseUrl: string;
  /** Defaults to a private keep-alive `NodeHttpTransport`, closed by `close()`. */
  readonly transport?: HttpTransport;
  /** Shared app-wide request budget; each attempt waits for a slot. */
  readonly rateLimiter?: RequestRateLimiter;
  /**
   * Without `rateLimiter`: an in-memory (RateLimiterMemory) budget of this many requests per
   * second, keyed by provider. Neither set = no client-side limit.
   */
  readonly requestsPerSecond?: number;
  /**
   * The provider's limit is app-wide (Tink, LinkedIn): a 429 concerns every caller of the shared
   * limiter, not just this one. One with `Retry-After` pauses them all for that long, and every 429
   * lowers the shared rate, which successes raise again. Leave off for per-account limits
   * (GoCardless): then only the refused caller backs off.
   */
  readonly appWideRateLimit?: boolean;
  readonly logger?: HttpClientLogger;
  /** Per attempt, including reading the body. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  readonly classifyFailure?: FailureClassifier;
  /** Extra body/query keys to redact on top of `DEFAULT_SENSITIVE_KEYS`. */
  readonly sensitiveKeys?: readonly string[];
  readonly now?: () => number;
  readonly random?: () => number;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set([
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
]);

class AttemptTimedOut extends Error {}

type AttemptOutcome<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: HttpClientError; readonly retryAfterMs?: number };

/**
 * Outbound HTTP for every provider: timeouts, retries with backoff and jitter, `Retry-After`,
 * an app-wide request budget, failure classification and redaction.
 */
export class HttpClient {
  readonly provider: string;
  private readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly ownsTransport: boolean;
  private readonly rateLimiter: RequestRateLimiter | undefined;
  private readonly appWideRateLimit: boolean;
  private readonly logger: HttpClientLogger;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly defaultHeaders: Readonly<Record<string, string>>;
  private readonly classifyFailure: FailureClassifier | undefined;
  private readonly redactor: Redactor;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: HttpClientOptions) {
    this.provider = options.provider;
    this.baseUrl = options.baseUrl;
    this.ownsTransport = options.transport === undefined;
    this.transport = options.transport ?? new NodeHttpTransport();
    this.rateLimiter =
      options.rateLimiter ??
      (options.requestsPerSecond === undefined
        ? undefined
        : createInMemoryRequestRateLimiter({
            requestsPerSecond: options.requestsPerSecond,
            key: options.provider,
            logger: options.logger,
          }));
    this.appWideRateLimit = options.appWideRateLimit ?? false;
    this.logger = options.logger ?? silentHttpClientLogger;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.defaultHeaders = options.defaultHeaders ?? {};
    this.classifyFailure = options.classifyFailure;
    this.redactor = new Redactor(options.sensitiveKeys);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Resolves with any 2xx response; throws a classified `HttpClientError` otherwise. */
  request(request: HttpRequest): Promise<HttpResponse> {
    return this.send(request, (response) => ({ ok: true, data: response }));
  }

  /**
   * Like `request`, plus JSON parsing and `decode`. A body that cannot be used (not JSON, cut off,
   * of the wrong shape) is a failed attempt: retried like a 5xx when the request is idempotent,
   * then a `MalformedResponseError` with the reason. An empty body is `undefined`.
   */
  requestJson<T = unknown>(
    request: HttpRequest,
    decode: ResponseDecoder<T> = (data) => data as T,
  ): Promise<JsonResponse<T>> {
    return this.send(request, (response) => {
      const body = readJsonBody(response, decode);
      return body.ok ? { ok: true, data: { ...response, data: body.data } } : body;
    });
  }

  /** Redacts credentials from text the caller wants to log or store (e.g. a provider message). */
  redact(text: string): string {
    return this.redactor.text(text);
  }

  /** Closes the transport if this client created it. */
  close(): void {
    if (this.ownsTransport) this.transport.close();
  }

  /** The attempt loop; `read` turns a 2xx into the result, or says why its body is unusable. */
  private async send<T>(
    request: HttpRequest,
    read: (response: HttpResponse) => BodyReading<T>,
  ): Promise<T> {
    const url = buildUrl(this.baseUrl, request.path, request.query);
    const body = encodeBody(request.body);
    const transportRequest: TransportRequest = {
      method: request.method,
      url,
      headers: {
        accept: 'application/json',
        ...this.defaultHeaders,
        ...request.headers,
        ...(body && {
          'content-type': body.contentType,
          'content-length': String(body.bytes.length),
        }),
      },
      body: body?.bytes,
    };
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
    const redactedUrl = this.redactor.url(url);

    for (let attempt = 1; ; attempt += 1) {
      const context: HttpErrorContext = {
        provider: this.provider,
        operation: request.operation,
        method: request.method,
        url: redactedUrl,
        attempts: attempt,
      };
      const outcome = await this.attempt(transportRequest, request, context, read);
      if (outcome.ok) return outcome.data;
      const decision = decideRetry(
        { error: outcome.error, attempt, idempotent, retryAfterMs: outcome.retryAfterMs },
        this.retry,
      );
      if (!decision.retry) throw outcome.error;
      await this.backOff(attempt, decision.serverDelayMs, outcome.error, request.signal);
    }
  }

  /** One attempt: a rate-limit slot, the exchange, and what came of it. */
  private async attempt<T>(
    transportRequest: TransportRequest,
    request: HttpRequest,
    context: HttpErrorContext,
    read: (response: HttpResponse) => BodyReading<T>,
  ): Promise<AttemptOutcome<T>> {
    const slot = await this.waitForSlot(request.signal, context);
    const startedAt = this.now();
    let response: TransportResponse;
    try {
      response = await this.sendOnce(transportRequest, request);
    } catch (error) {
      return { ok: false, error: this.transportFailure(error, request, context) };
    }
    const bodyText = response.body.toString('utf8');
    this.logger.debug('http attempt', {
      ...context,
      status: response.status,
      durationMs: this.now() - startedAt,
    });
    const answered: HttpErrorContext = {
      ...context,
      status: response.status,
      requestId: response.headers['x-request-id'],
    };

    if (response.status >= 200 && response.status <= 299) {
      this.rateLimiter?.succeeded();
      const { status, headers } = response;
      const reading = read({ status, headers, bodyText, attempts: context.attempts });
      if (reading.ok) return reading;
      const excerpt = bodyText ? this.redactor.excerpt(bodyText, 200) : undefined;
      const error = new MalformedResponseError(
        reading.reason,
        { ...answered, bodyExcerpt: excerpt },
        { cause: reading.cause },
      );
      return { ok: false, error };
    }

    const failed: FailedResponse = {
      status: response.status,
      headers: response.headers,
      bodyText,
      retryAfterMs: parseRetryAfterMs(response.headers['retry-after'], this.now()),
    };
    const excerpt = bodyText ? this.redactor.excerpt(bodyText) : undefined;
    const error = this.classify(failed, { ...answered, bodyExcerpt: excerpt });
    if (error instanceof RateLimitedHttpError && this.appWideRateLimit && slot) {
      this.rateLimiter?.throttled(slot);
    }
    return { ok: false, error, retryAfterMs: failed.retryAfterMs };
  }

  private classify(failed: FailedResponse, context: HttpErrorContext): HttpClientError {
    return this.classifyFailure?.(failed, context) ?? classifyByStatus(failed, context);
  }

  private async waitForSlot(
    signal: AbortSignal | undefined,
    context: HttpErrorContext,
  ): Promise<RateGeneration | undefined> {
    if (signal?.aborted) throw new RequestCancelledError('cancelled by caller', context);
    if (!this.rateLimiter) return undefined;
    try {
      return await this.rateLimiter.acquire(signal);
    } catch (error) {
      throw new RequestCancelledError('cancelled while waiting for a rate-limit slot', context, {
        cause: error,
      });
    }
  }

  private async sendOnce(
    transportRequest: TransportRequest,
    request: HttpRequest,
  ): Promise<TransportResponse> {
    const attemptController = new AbortController();
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const timer = setTimeout(() => attemptController.abort(new AttemptTimedOut()), timeoutMs);
    const callerSignal = request.signal;
    const forwardCancel = (): void => attemptController.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', forwardCancel, { once: true });
    try {
      return await this.transport.send(transportRequest, attemptController.signal);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardCancel);
    }
  }

  private transportFailure(
    error: unknown,
    request: HttpRequest,
    context: HttpErrorContext,
  ): HttpClientError {
    if (request.signal?.aborted) {
      return new RequestCancelledError('cancelled by caller', context, { cause: error });
    }
    if (error instanceof AttemptTimedOut) {
      const timeoutMs = request.timeoutMs ?? this.timeoutMs;
      return new RequestTimeoutError(`no response within ${timeoutMs} ms`, context);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new NetworkError(`network failure: ${this.redactor.text(reason)}`, context, {
      cause: error,
    });
  }

  private async backOff(
    attempt: number,
    serverDelayMs: number | undefined,
    reason: HttpClientError,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const delayMs = serverDelayMs ?? backoffDelayMs(attempt, this.retry.backoff, this.random);
    this.logger.warn('http retry', {
      ...reason.context,
      code: reason.code,
      classification: reason.classification,
      delayMs,
    });
    if (
      reason instanceof RateLimitedHttpError &&
      serverDelayMs !== undefined &&
      this.appWideRateLimit &&
      this.rateLimiter
    ) {
      // The next acquire() waits out the pause for everyone sharing the budget.
      await this.rateLimiter.pause(serverDelayMs);
      return;
    }
    try {
      await abortableSleep(delayMs, signal);
    } catch (error) {
      throw new RequestCancelledError('cancelled while backing off', reason.context, {
        cause: error,
      });
    }
  }
}
