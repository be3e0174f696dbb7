import { ConcurrencySlots } from './concurrency-slots';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencySlots', () => {
  it('hands slots out first come, first served', async () => {
    const slots = new ConcurrencySlots(1);
    const order: string[] = [];
    await slots.acquire();
    const b = slots.acquire().then(() => order.push('b'));
    const c = slots.acquire().then(() => order.push('c'));
    slots.release();
    await b;
    slots.release();
    await c;
    expect(order).toEqual(['b', 'c']);
  });

  it('lends a slot out while its holder waits, and takes one back afterwards', async () => {
    const slots = new ConcurrencySlots(1);
    await slots.acquire();
    let otherRan = false;
    let finishWait!: () => void;
    const waiting = slots.lendWhile(() => new Promise<void>((resolve) => (finishWait = resolve)));
    await slots.acquire();
    otherRan = true;
    finishWait();
    await tick();
    let back = false;
    const holder = waiting.then(() => (back = true));
    await tick();
    expect(back).toBe(false); // the other holder still has the only slot
    slots.release();
    await holder;
    expect(otherRan && back).toBe(true);
  });

  it('stops waiting when the signal aborts', async () => {
    const slots = new ConcurrencySlots(1);
    await slots.acquire();
    const controller = new AbortController();
    const queued = slots.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(queued).rejects.toThrow('stop');
    slots.release();
    await expect(slots.acquire()).resolves.toBeUndefined();
  });
});
