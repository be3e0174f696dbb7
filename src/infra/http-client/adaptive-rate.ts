import { performance } from 'node:perf_hooks';

export interface AdaptiveRateOptions {
  /** The configured budget: the rate never rises above it. */
  readonly ceilingPerSecond: number;
  /** The rate never falls below it; default 0.1/s or the ceiling, whichever is lower. */
  readonly floorPerSecond?: number;
  /** Each decrease multiplies the rate by this; default 0.7. */
  readonly decreaseFactor?: number;
  /**
   * A decrease never goes below this share (default 0.8) of the requests the provider answered in
   * the last second: it has just shown it takes that many.
   */
  readonly provenShare?: number;
  /** Each success adds this many requests per second; default 0.01. */
  readonly increasePerSuccess?: number;
  /** Monotonic milliseconds. */
  readonly now?: () => number;
}

/** Marks which decrease a request was sent under; see `AdaptiveRate.slowDown`. */
export interface RateGeneration {
  readonly generation: number;
}

/** Providers count requests per second, so a second of answers shows what they take. */
const PROVEN_WINDOW_MS = 1000;

/**
 * The rate a provider tolerates, learnt from its 429s (AIMD): a 429 multiplies the rate by
 * `decreaseFactor`, each success adds `increasePerSuccess` until the ceiling is reached again.
 * Since the rate grows with every success, it grows by the same share of itself per second at any
 * rate (1 % by default: back from a 0.7 cut in about 36 s).
 *
 * Requests already on the wire when the rate was lowered were paced by the old rate, so their 429s
 * say nothing new: only a 429 of a request sent under the current rate lowers it again. Right after
 * a burst, a provider counting a sliding second refuses everything until the second has passed;
 * the proven floor keeps those refusals from cutting the rate far below what it has just taken.
 */
export class AdaptiveRate {
  readonly ceilingPerSecond: number;
  private readonly floorPerSecond: number;
  private readonly decreaseFactor: number;
  private readonly provenShare: number;
  private readonly increasePerSuccess: number;
  private readonly now: () => number;
  private rate: number;
  private generation = 0;
  /** When recent successes came back, oldest first, from `head` on. */
  private successes: number[] = [];
  private head = 0;

  constructor(options: AdaptiveRateOptions) {
    if (!(options.ceilingPerSecond > 0)) {
      throw new RangeError('ceilingPerSecond must be a positive number');
    }
    this.ceilingPerSecond = options.ceilingPerSecond;
    this.floorPerSecond = Math.min(options.floorPerSecond ?? 0.1, options.ceilingPerSecond);
    this.decreaseFactor = options.decreaseFactor ?? 0.7;
    this.provenShare = options.provenShare ?? 0.8;
    this.increasePerSuccess = options.increasePerSuccess ?? 0.01;
    this.now = options.now ?? (() => performance.now());
    this.rate = options.ceilingPerSecond;
  }

  get requestsPerSecond(): number {
    return this.rate;
  }

  /** Below the ceiling: requests must be spaced `1000 / requestsPerSecond` ms apart. */
  get isReduced(): boolean {
    return this.rate < this.ceilingPerSecond;
  }

  /** Stamp a request with this when it is sent. */
  current(): RateGeneration {
    return { generation: this.generation };
  }

  /** A request sent under `sentUnder` was refused (429). Returns whether the rate went down. */
  slowDown(sentUnder: RateGeneration): boolean {
    if (sentUnder.generation !== this.generation) return false;
    const proven = this.provenShare * this.recentSuccesses();
    const lowered = Math.max(this.floorPerSecond, this.rate * this.decreaseFactor, proven);
    if (lowered >= this.rate) return false;
    this.rate = lowered;
    this.generation += 1;
    return true;
  }

  speedUp(): void {
    this.successes.push(this.now());
    this.forgetOldSuccesses();
    if (this.isReduced) {
      this.rate = Math.min(this.ceilingPerSecond, this.rate + this.increasePerSuccess);
    }
  }

  private recentSuccesses(): number {
    this.forgetOldSuccesses();
    return this.successes.length - this.head;
  }

  /** Keeps only the last second of successes (amortised: the array is compacted now and then). */
  private forgetOldSuccesses(): void {
    const since = this.now() - PROVEN_WINDOW_MS;
    while (this.head < this.successes.length && this.successes[this.head] <= since) {
      this.head += 1;
    }
    if (this.head > 1024 && this.head > this.successes.length / 2) {
      this.successes = this.successes.slice(this.head);
      this.head = 0;
    }
  }
}
