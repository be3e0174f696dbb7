import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { performance } from 'node:perf_hooks';
import { abortableSleep, abortReason } from '../async/abortable-sleep';
import { AdaptiveRate, RateGeneration } from './adaptive-rate';
import { budgetWindow } from './budget-window';
import { HttpClientLogger, silentHttpClientLogger } from './http-client-logger';

export interface RequestRateLimiterOptions {
  /** Any rate-limiter-flexible store: memory for one instance, Redis/MySQL to share a budget. */
  readonly limiter: RateLimiterAbstract;
  /** The budget's key, usually the provider (`tink`); all callers with the same key share it. */
  readonly key: string;
  readonly logger?: HttpClientLogger;
  /**
   * Learns the rate the provider tolerates from its 429s and spaces requests accordingly, below
   * the store's budget. Without it the budget is fixed.
   */
  readonly adaptive?: AdaptiveRate;
}

const FIXED_RATE: RateGeneration = { generation: 0 };

/**
 * Hands out request slots in arrival order and waits (never rejects) when the budget is spent,
 * so finsync slows itself down instead of collecting 429s. Each HTTP attempt takes one slot.
 * With an adaptive rate, a 429 reported through `throttled` slows every caller down, and
 * successes (`succeeded`) speed them up again. The adaptive rate is this process's own; a store
 * shared by several instances still caps them all at the configured budget.
 */
export class RequestRateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly key: string;
  private readonly logger: HttpClientLogger;
  private readonly adaptive: AdaptiveRate | undefined;
  private queueTail: Promise<void> = Promise.resolve();
  private waiting = 0;
  /** Monotonic time before which the next request may not go while the rate is reduced. */
  private nextPacedAt = 0;

  constructor(options: RequestRateLimiterOptions) {
    this.limiter = options.limiter;
    this.key = options.key;
    this.logger = options.logger ?? silentHttpClientLogger;
    this.adaptive = options.adaptive;
  }

  /** The rate requests are currently spaced at; `undefined` without an adaptive rate. */
  get requestsPerSecond(): number | undefined {
    return this.adaptive?.requestsPerSecond;
  }

  /** Callers currently queued for a slot. */
  get queueLength(): number {
    return this.waiting;
  }

  /** Waits for a slot; the result stamps the request for `throttled`. */
  async acquire(signal?: AbortSignal): Promise<RateGeneration> {
    if (signal?.aborted) throw abortReason(signal);
    this.waiting += 1;
    const turn = this.queueTail.then(() => this.takeSlot(signal));
    this.queueTail = turn.catch(() => undefined);
    try {
      await raceWithAbort(turn, signal);
    } finally {
      this.waiting -= 1;
    }
    return this.adaptive?.current() ?? FIXED_RATE;
  }

  /** The provider refused a request sent with this slot (429): slow everyone down. */
  throttled(sentUnder: RateGeneration): void {
    if (!this.adaptive?.slowDown(sentUnder)) return;
    this.logger.warn('rate limited by the provider; slowing every caller down', {
      key: this.key,
      requestsPerSecond: Math.round(this.adaptive.requestsPerSecond * 100) / 100,
    });
  }

  /** The provider answered a request without refusing it. */
  succeeded(): void {
    this.adaptive?.speedUp();
  }

  /** Stops every caller sharing the key for `ms` (the server said `Retry-After`). */
  async pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    // Stores such as Redis only take whole seconds.
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    try {
      await this.limiter.block(this.key, seconds);
    } catch (error) {
      this.logger.warn('rate limiter store failed to pause', {
        key: this.key,
        error: String(error),
      });
    }
  }

  private async takeSlot(signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.pace(signal);
    } catch {
      return; // this caller gave up; let the next one in line try
    }
    for (;;) {
      if (signal?.aborted) return;
      try {
        await this.limiter.consume(this.key, 1);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) {
          // The shared store is down: fail open rather than stall every sync; the provider's own
          // 429 handling still protects us.
          this.logger.warn('rate limiter store failed; proceeding without a slot', {
            key: this.key,
            error: String(rejection),
          });
          return;
        }
        try {
          await abortableSleep(Math.max(1, rejection.msBeforeNext), signal);
        } catch {
          return; // this caller gave up; let the next one in line try
        }
      }
    }
  }

  /**
   * While the adaptive rate is below the budget, requests leave evenly spaced at that rate (in
   * arrival order: slots are taken one at a time).
   */
  private async pace(signal: AbortSignal | undefined): Promise<void> {
    if (!this.adaptive?.isReduced) return;
    const now = performance.now();
    const sendAt = Math.max(now, this.nextPacedAt);
    this.nextPacedAt = sendAt + 1000 / this.adaptive.requestsPerSecond;
    await abortableSleep(sendAt - now, signal);
  }
}

function raceWithAbort(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface InMemoryRateLimitOptions {
  readonly requestsPerSecond: number;
  readonly key: string;
  readonly logger?: HttpClientLogger;
}

/**
 * Requests spread evenly in small whole-millisecond windows (see budgetWindow) rather than a burst
 * of N per one-second window, so about N requests fall in *any* second, which is what a provider's
 * sliding or differently aligned window counts. Set it a little below the provider's limit.
 */
export function createInMemoryRequestRateLimiter(
  options: InMemoryRateLimitOptions,
): RequestRateLimiter {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError('requestsPerSecond must be a positive number');
  }
  const { points, windowMs } = budgetWindow(options.requestsPerSecond);
  const limiter = new RateLimiterMemory({
    keyPrefix: 'finsync-outbound',
    points,
    duration: windowMs / 1000,
  });
  return new RequestRateLimiter({
    limiter,
    key: options.key,
    logger: options.logger,
    adaptive: new AdaptiveRate({ ceilingPerSecond: options.requestsPerSecond }),
  });
}
