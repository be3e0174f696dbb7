import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';

const STORE_PAUSE_AFTER_FAILURE_MS = 30_000;

/**
 * The credit-portfolio analytics cache. A failing store (Redis down) degrades to computing every
 * time, and is left alone for a while after a failure so requests do not each wait for it. A
 * value computed while an invalidation happened is not stored, so an import that lands
 * mid-computation cannot leave stale totals behind (on this instance).
 */
@Injectable()
export class AnalyticsCache {
  private readonly logger = new Logger(AnalyticsCache.name);
  private generation = 0;
  private importsInProgress = 0;
  private storeUsableAt = 0;

  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async getOrCompute<T>(
    key: string,
    compute: () => Promise<T>,
  ): Promise<{ value: T; fromCache: boolean }> {
    const cached = await this.attempt(`reading ${key}`, () => this.cache.get<T>(key));
    if (cached !== undefined && cached !== null) return { value: cached, fromCache: true };
    const generation = this.generation;
    const value = await compute();
    if (generation === this.generation && this.importsInProgress === 0) {
      await this.attempt(`writing ${key}`, () => this.cache.set(key, value));
    }
    return { value, fromCache: false };
  }

  /**
   * Runs an import during which nothing computed is stored: on SQLite every query shares the
   * import's open transaction, so a summary could include rows that are then rolled back.
   */
  async whileImporting<T>(work: () => Promise<T>): Promise<T> {
    this.importsInProgress++;
    try {
      return await work();
    } finally {
      this.importsInProgress--;
    }
  }

  /** Drops every analytics entry: a finished import makes every cached figure stale. */
  async invalidateAll(): Promise<void> {
    this.generation++;
    // A clear that cannot wait for the store to recover would leave stale entries in it.
    this.storeUsableAt = 0;
    await this.attempt('clearing', () => this.cache.clear());
  }

  private async attempt<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
    if (Date.now() < this.storeUsableAt) return undefined;
    try {
      return await operation();
    } catch (error) {
      this.storeUsableAt = Date.now() + STORE_PAUSE_AFTER_FAILURE_MS;
      this.logger.warn(
        `Analytics cache failed ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
