import { forEachConcurrently } from './concurrency';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('forEachConcurrently', () => {
  it('never runs more than the limit at once and visits every item', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const started = await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick(5);
      seen.push(item);
      running -= 1;
    });
    expect(started).toBe(7);
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing new once the signal aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const started = await forEachConcurrently(
      [1, 2, 3, 4, 5],
      2,
      async (item) => {
        seen.push(item);
        if (item === 2) controller.abort();
        await tick(1);
      },
      controller.signal,
    );
    expect(started).toBe(2);
    expect(seen).toEqual([1, 2]);
  });

  it('copes with no items', async () => {
    await expect(forEachConcurrently([], 4, async () => undefined)).resolves.toBe(0);
  });
});
