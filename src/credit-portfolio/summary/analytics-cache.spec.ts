import type { Cache } from 'cache-manager';
import { AnalyticsCache } from './analytics-cache';

function memoryCache(): Cache & { store: Map<string, unknown>; failing: boolean } {
  const store = new Map<string, unknown>();
  const cache = {
    store,
    failing: false,
    get: async (key: string) => {
      if (cache.failing) throw new Error('store down');
      return store.get(key);
    },
    set: async (key: string, value: unknown) => {
      if (cache.failing) throw new Error('store down');
      store.set(key, value);
      return value;
    },
    clear: async () => {
      if (cache.failing) throw new Error('store down');
      store.clear();
      return true;
    },
  };
  return cache as unknown as Cache & { store: Map<string, unknown>; failing: boolean };
}

describe('AnalyticsCache', () => {
  it('computes once, then serves from the store until invalidated', async () => {
    const cache = new AnalyticsCache(memoryCache());
    const compute = jest.fn(async () => ({ total: '1.00' }));
    expect(await cache.getOrCompute('k', compute)).toEqual({
      value: { total: '1.00' },
      fromCache: false,
    });
    expect(await cache.getOrCompute('k', compute)).toEqual({
      value: { total: '1.00' },
      fromCache: true,
    });
    await cache.invalidateAll();
    expect((await cache.getOrCompute('k', compute)).fromCache).toBe(false);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('does not store a value computed across an invalidation', async () => {
    const store = memoryCache();
    const cache = new AnalyticsCache(store);
    await cache.getOrCompute('k', async () => {
      await cache.invalidateAll();
      return 'stale';
    });
    expect(store.store.has('k')).toBe(false);
  });

  it('computes every time while the store fails, without asking it again at once', async () => {
    const store = memoryCache();
    store.failing = true;
    const get = jest.spyOn(store, 'get');
    const cache = new AnalyticsCache(store);
    expect(await cache.getOrCompute('k', async () => 1)).toEqual({ value: 1, fromCache: false });
    expect(await cache.getOrCompute('k', async () => 2)).toEqual({ value: 2, fromCache: false });
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('stores nothing computed while an import is in progress', async () => {
    const store = memoryCache();
    const cache = new AnalyticsCache(store);
    await cache.whileImporting(() => cache.getOrCompute('k', async () => 'mid-import'));
    expect(store.store.has('k')).toBe(false);
    await cache.getOrCompute('k', async () => 'after');
    expect(store.store.get('k')).toBe('after');
  });
});
