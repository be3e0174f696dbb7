import type { TinkSettings } from '../tink.config';
import {
  AdaptiveRate,
  HttpClientLogger,
  RequestRateLimiter,
  budgetWindow,
  createInMemoryRequestRateLimiter,
} from '../../../../infra/http-client';
import type { SharedRateLimiters } from '../../../sync/shared-rate-limiters';

/**
 * finsync's budget towards Tink, which limits per app: in memory for one instance, or in the
 * database (`TINK_RATE_LIMIT_SHARED`) so several instances share it, in the same windows. Either way
 * the rate adapts to Tink's 429s below that budget (see AdaptiveRate).
 */
export function createTinkRequestBudget(
  settings: TinkSettings,
  limiters: SharedRateLimiters,
  logger: HttpClientLogger,
): RequestRateLimiter {
  if (!settings.rateLimitShared) {
    return createInMemoryRequestRateLimiter({
      requestsPerSecond: settings.requestsPerSecond,
      key: 'app',
      logger,
    });
  }
  const { points, windowMs } = budgetWindow(settings.requestsPerSecond);
  const limiter = limiters.create({
    keyPrefix: 'tink-requests',
    points,
    durationSeconds: windowMs / 1000,
  });
  return new RequestRateLimiter({
    limiter,
    key: 'app',
    logger,
    adaptive: new AdaptiveRate({ ceilingPerSecond: settings.requestsPerSecond }),
  });
}
