import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RequestRateLimiter, createInMemoryRequestRateLimiter } from './request-rate-limiter';

describe('RequestRateLimiter', () => {
  it('queues callers instead of rejecting them, spacing slots evenly', async () => {
    const limiter = createInMemoryRequestRateLimiter({ requestsPerSecond: 100, key: 'spacing' });
    const startedAt = Date.now();
    const grantedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () => limiter.acquire().then(() => grantedAt.push(Date.now()))),
    );
    expect(grantedAt).toHaveLength(20);
    // 20 slots at 10 ms spacing need at least ~190 ms.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(170);
    expect(limiter.queueLength).toBe(0);
  });

  it('never grants more than N slots in any one-second span', async () => {
    const limiter = createInMemoryRequestRateLimiter({ requestsPerSecond: 40, key: 'window' });
    const grantedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, () => limiter.acquire().then(() => grantedAt.push(Date.now()))),
    );
    grantedAt.sort((a, b) => a - b);
    for (let i = 0; i < grantedAt.length; i += 1) {
      const inWindow = grantedAt.filter((t) => t >= grantedAt[i] && t < grantedAt[i] + 1_000);
      expect(inWindow.length).toBeLessThanOrEqual(40);
    }
  });

  it('lets an aborted caller leave the queue without blocking the others', async () => {
    const limiter = createInMemoryRequestRateLimiter({ requestsPerSecond: 10, key: 'abort' });
    await limiter.acquire();
    const controller = new AbortController();
    const abandoned = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    await expect(next).resolves.toBeDefined();
  });

  it('pauses every caller sharing the key', async () => {
    const store = new RateLimiterMemory({ points: 1000, duration: 1 });
    const first = new RequestRateLimiter({ limiter: store, key: 'shared' });
    const second = new RequestRateLimiter({ limiter: store, key: 'shared' });
    await first.pause(1);
    const startedAt = Date.now();
    await second.acquire();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it('slows every caller down after a 429 and speeds them up with successes', async () => {
    const limiter = createInMemoryRequestRateLimiter({ requestsPerSecond: 20, key: 'aimd' });
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    limiter.throttled(first);
    limiter.throttled(second); // on the wire at the same time: one cut, not two
    expect(limiter.requestsPerSecond).toBeCloseTo(14);
    limiter.throttled(await limiter.acquire());
    expect(limiter.requestsPerSecond).toBeCloseTo(9.8);
    for (let i = 0; i < 100; i += 1) limiter.succeeded();
    expect(limiter.requestsPerSecond).toBeCloseTo(10.8);
  });

  it('keeps a fixed budget without an adaptive rate', async () => {
    const limiter = new RequestRateLimiter({
      limiter: new RateLimiterMemory({ points: 10, duration: 1 }),
      key: 'fixed',
    });
    limiter.throttled(await limiter.acquire());
    expect(limiter.requestsPerSecond).toBeUndefined();
  });

  it('fails open when the shared store is unavailable', async () => {
    const store = new RateLimiterMemory({ points: 1, duration: 1 });
    jest.spyOn(store, 'consume').mockRejectedValue(new Error('redis down'));
    const warn = jest.fn();
    const limiter = new RequestRateLimiter({
      limiter: store,
      key: 'broken',
      logger: { debug: jest.fn(), warn },
    });
    await expect(limiter.acquire()).resolves.toBeDefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('store failed'), expect.anything());
  });

  it('rejects a non-positive rate', () => {
    expect(() => createInMemoryRequestRateLimiter({ requestsPerSecond: 0, key: 'x' })).toThrow(
      RangeError,
    );
  });
});
