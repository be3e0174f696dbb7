import {
  HttpClient,
  HttpClientLogger,
  HttpTransport,
  RetryPolicy,
} from '../../../../infra/http-client';
import { classifyGoCardlessFailure } from '../errors/gocardless-failure-classifier';

export interface GoCardlessHttpClientOptions {
  /** `https://bankaccountdata.gocardless.com/api/v2`, or a simulator. */
  readonly baseUrl: string;
  readonly requestsPerSecond?: number;
  readonly transport?: HttpTransport;
  readonly logger?: HttpClientLogger;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * The shared HTTP client with GoCardless' classifier. Its limits are per account and scope, so a
 * 429 slows only the refused caller (`appWideRateLimit` off); the app-wide request budget stays.
 */
export function createGoCardlessHttpClient(options: GoCardlessHttpClientOptions): HttpClient {
  return new HttpClient({
    provider: 'gocardless',
    baseUrl: options.baseUrl,
    transport: options.transport,
    requestsPerSecond: options.requestsPerSecond,
    appWideRateLimit: false,
    logger: options.logger,
    timeoutMs: options.timeoutMs ?? 20_000,
    retry: options.retry,
    classifyFailure: classifyGoCardlessFailure,
    sensitiveKeys: ['secret_id', 'secret_key', 'access', 'refresh'],
  });
}
