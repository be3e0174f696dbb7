import { CacheModuleOptions } from '@nestjs/cache-manager';
import { Logger } from '@nestjs/common';
import { Keyv } from 'keyv';
import { AppConfig } from '../../config/app-config';
import { creditPortfolioConfig } from '../credit-portfolio.config';

export const ANALYTICS_CACHE_NAMESPACE = 'credit-portfolio';
const REDIS_CONNECT_TIMEOUT_MS = 1000;

/**
 * In-process by default; with REDIS_URL the entries live in Redis under
 * `<REDIS_KEY_PREFIX>:credit-portfolio`, so every instance sees one cache and one invalidation.
 * The Redis store never queues commands while disconnected: a cache outage costs a database
 * query, not a hanging request. The Redis client is loaded only when Redis is configured.
 */
export async function analyticsCacheOptions(config: AppConfig): Promise<CacheModuleOptions> {
  const logger = new Logger('AnalyticsCache');
  const redis = config.redis;
  const store = redis
    ? (await import('@keyv/redis')).createKeyvNonBlocking(
        {
          url: redis.url,
          disableOfflineQueue: true,
          // Reconnection happens on the next use instead, so a dead Redis leaves no timers behind.
          socket: { connectTimeout: REDIS_CONNECT_TIMEOUT_MS, reconnectStrategy: false },
        },
        {
          namespace: `${redis.keyPrefix}:${ANALYTICS_CACHE_NAMESPACE}`,
          connectionTimeout: REDIS_CONNECT_TIMEOUT_MS,
        },
      )
    : new Keyv({ namespace: ANALYTICS_CACHE_NAMESPACE });
  store.on('error', (error: unknown) =>
    logger.warn(`Cache store error: ${error instanceof Error ? error.message : String(error)}`),
  );
  return { stores: [store], ttl: config.get(creditPortfolioConfig).summaryCacheTtlMs };
}
