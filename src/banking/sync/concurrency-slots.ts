import { abortReason } from '../../infra/async/abortable-sleep';

/**
 * A counting semaphore with FIFO hand-over. Holders may lend their slot out while they wait on
 * something slow that needs no slot (see `lendWhile`).
 */
export class ConcurrencySlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new RangeError('size must be at least 1');
    this.free = size;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free = Math.min(this.size, this.free + 1);
  }

  /** Gives the caller's slot to someone else while `work` runs, then takes one back. */
  async lendWhile<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.release();
    try {
      return await work();
    } finally {
      await this.acquire(signal).catch(() => this.acquire());
    }
  }
}
