export interface AdaptiveRateOptions {
  /** The configured budget: the rate never rises above it. */
  readonly ceilingPerSecond: number;
  /** The rate never falls below it; default 0.1/s or the ceiling, whichever is lower. */
  readonly floorPerSecond?: number;
  /** Each decrease multiplies the rate by this; default 0.7. */
  readonly decreaseFactor?: number;
  /** Each success adds this many requests per second; default 0.02. */
  readonly increasePerSuccess?: number;
}

/** Marks which decrease a request was sent under; see `AdaptiveRate.slowDown`. */
export interface RateGeneration {
  readonly generation: number;
}

/**
 * The rate a provider tolerates, learnt from its 429s (AIMD): a 429 multiplies the rate by
 * `decreaseFactor`, each success adds `increasePerSuccess` until the ceiling is reached again.
 * Since the rate grows with every success, it grows by the same share of itself per second at any
 * rate: back from a 0.7 cut in about 18 s by default, and from a tenth of the ceiling in about
 * 2 minutes.
 *
 * Requests already on the wire when the rate was lowered were paced by the old rate, so their 429s
 * say nothing new: only a 429 of a request sent under the current rate lowers it again.
 */
export class AdaptiveRate {
  readonly ceilingPerSecond: number;
  private readonly floorPerSecond: number;
  private readonly decreaseFactor: number;
  private readonly increasePerSuccess: number;
  private rate: number;
  private generation = 0;

  constructor(options: AdaptiveRateOptions) {
    if (!(options.ceilingPerSecond > 0)) {
      throw new RangeError('ceilingPerSecond must be a positive number');
    }
    this.ceilingPerSecond = options.ceilingPerSecond;
    this.floorPerSecond = Math.min(options.floorPerSecond ?? 0.1, options.ceilingPerSecond);
    this.decreaseFactor = options.decreaseFactor ?? 0.7;
    this.increasePerSuccess = options.increasePerSuccess ?? 0.02;
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
    if (sentUnder.generation !== this.generation || this.rate <= this.floorPerSecond) return false;
    this.rate = Math.max(this.floorPerSecond, this.rate * this.decreaseFactor);
    this.generation += 1;
    return true;
  }

  speedUp(): void {
    if (!this.isReduced) return;
    this.rate = Math.min(this.ceilingPerSecond, this.rate + this.increasePerSuccess);
  }
}
