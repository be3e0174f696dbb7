import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../../../config/app-config';
import { HttpClient, HttpClientLogger } from '../../../../infra/http-client';
import { SharedRateLimiters } from '../../../sync/shared-rate-limiters';
import { createTinkHttpClient } from './tink-http-client.factory';
import { createTinkRequestBudget } from './tink-request-budget.factory';
import { TinkClient } from '../tink.client';
import { tinkConfig } from '../tink.config';

/**
 * The app's one Tink client (one keep-alive pool, one token cache, one request budget), or `null`
 * while TINK_CLIENT_ID / TINK_CLIENT_SECRET are not set.
 */
@Injectable()
export class TinkApiService implements OnModuleDestroy {
  readonly client: TinkClient | null;
  private readonly http: HttpClient | null;

  constructor(config: AppConfig, limiters: SharedRateLimiters) {
    const settings = config.get(tinkConfig);
    if (!settings.credentials) {
      this.client = null;
      this.http = null;
      return;
    }
    const logger = httpLogger(new Logger('TinkHttp'));
    this.http = createTinkHttpClient({
      baseUrl: settings.apiUrl,
      logger,
      rateLimiter: createTinkRequestBudget(settings, limiters, logger),
    });
    this.client = new TinkClient(this.http, {
      clientId: settings.credentials.clientId,
      clientSecret: settings.credentials.clientSecret,
      refreshPollIntervalMs: settings.refreshPollMs,
      refreshDeadlineMs: settings.refreshTimeoutMs,
    });
  }

  onModuleDestroy(): void {
    this.http?.close();
  }
}

function httpLogger(logger: Logger): HttpClientLogger {
  return {
    debug: (message, context) => logger.debug(context ?? {}, message),
    warn: (message, context) => logger.warn(context ?? {}, message),
  };
}
