/**
 * Runs `worker` over `items` in order with at most `limit` running at once. Once `signal` aborts,
 * no further item starts; running ones finish (they get the signal themselves). Resolves with the
 * number of items started. `worker` must not throw: isolate errors inside it.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next;
      next += 1;
      await worker(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return next;
}
