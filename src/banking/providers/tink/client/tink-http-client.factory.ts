import {
  HttpClient,
  HttpClientLogger,
  HttpTransport,
  RequestRateLimiter,
  RetryPolicy,
} from '../../../../infra/http-client';
import { classifyTinkFailure } from '../errors/tink-failure-classifier';

export interface TinkHttpClientOptions {
  /** `https://api.tink.com`, or a simulator. */
  readonly baseUrl: string;
  /**
   * App-wide budget: Tink limits per app, so every instance must share it. Pass a limiter built on
   * a shared store (Redis/MySQL) for several instances, or `requestsPerSecond` for an in-memory
   * one. Neither = no client-side limit.
   */
  readonly rateLimiter?: RequestRateLimiter;
  readonly requestsPerSecond?: number;
  readonly transport?: HttpTransport;
  readonly logger?: HttpClientLogger;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export function createTinkHttpClient(options: TinkHttpClientOptions): HttpClient {
  return new HttpClient({
    provider: 'tink',
    baseUrl: options.baseUrl,
    transport: options.transport,
    rateLimiter: options.rateLimiter,
    requestsPerSecond: options.requestsPerSecond,
    // Tink's limit is per app: a 429 means every caller should slow down.
    appWideRateLimit: true,
    logger: options.logger,
    timeoutMs: options.timeoutMs ?? 20_000,
    retry: options.retry,
    classifyFailure: classifyTinkFailure,
  });
}
