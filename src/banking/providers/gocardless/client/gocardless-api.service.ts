import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../../../config/app-config';
import { Clock } from '../../../../core/scheduling/clock';
import type { HttpClient, HttpClientLogger } from '../../../../infra/http-client';
import { GoCardlessClient } from '../gocardless.client';
import { goCardlessConfig } from '../gocardless.config';
import { createGoCardlessHttpClient } from './gocardless-http-client.factory';
import { GoCardlessTokenProvider } from './gocardless-token.provider';
import { GoCardlessTokenVault } from './gocardless-token.vault';

/**
 * The app's one GoCardless client (one keep-alive pool, one token pair shared through the
 * database), or `null` while GOCARDLESS_SECRET_ID / GOCARDLESS_SECRET_KEY are not set.
 */
@Injectable()
export class GoCardlessApiService implements OnModuleDestroy {
  readonly client: GoCardlessClient | null;
  private readonly http: HttpClient | null;

  constructor(config: AppConfig, vault: GoCardlessTokenVault, clock: Clock) {
    const settings = config.get(goCardlessConfig);
    if (!settings.secrets) {
      this.client = null;
      this.http = null;
      return;
    }
    const now = (): number => clock.now().getTime();
    this.http = createGoCardlessHttpClient({
      baseUrl: settings.apiUrl,
      requestsPerSecond: settings.requestsPerSecond,
      logger: httpLogger(new Logger('GoCardlessHttp')),
    });
    const tokens = new GoCardlessTokenProvider(this.http, settings.secrets, vault, now);
    this.client = new GoCardlessClient(this.http, tokens, now);
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
