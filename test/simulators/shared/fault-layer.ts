import type { ChaosRate, ChaosSwitches } from './chaos-switches';
import { seededRandom } from './seeded-random';
import { SlidingWindowBudget } from './sliding-window-budget';

export interface RateLimitOptions {
  /** Admitted requests in any sliding second, app-wide. */
  readonly requestsPerSecond: number;
  /**
   * Send `Retry-After` (whole seconds) on budget 429s. Most simulators send it by default so that
   * clients honouring it can be tested; `chaos.bareRateLimit` sends nothing at all.
   */
  readonly retryAfterHeader?: boolean;
}

export interface FaultLayerOptions {
  /** App-wide request budget; `null`/absent = unlimited. */
  readonly rateLimit?: RateLimitOptions | null;
  readonly chaos?: ChaosSwitches;
  /** Seed of the dice the switches roll: the same seed and requests hit the same requests. */
  readonly seed?: number;
  /** The provider's error body for a status (429 with a hint, injected 5xx). */
  readonly errorBody: (status: number) => unknown;
}

/** A response as it goes on the wire. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Empty for 204 and bare answers. */
  readonly body: string;
}

export interface RequestFacts {
  readonly method: string;
  /** The simulator's route name, or `undefined` when no route matched. */
  readonly route: string | undefined;
}

/** Before the route runs: let it through, answer instead of it, or answer after it. */
export type Admission =
  | { readonly verdict: 'pass' }
  | { readonly verdict: 'answer'; readonly response: WireResponse }
  | { readonly verdict: 'answer_after_handler'; readonly response: WireResponse };

/** How the answer the route produced is delivered. */
export interface Delivery {
  readonly reset: boolean;
  readonly truncate: boolean;
  /** Body this long after the headers; `0` = with them. */
  readonly bodyDelayMs: number;
}

export interface ChaosCounters {
  /** 429s of the request budget (bare or not). */
  budgetRejections: number;
  nonGetServerErrors: number;
  connectionResets: number;
  truncatedBodies: number;
  slowBodies: number;
}

export function emptyChaosCounters(): ChaosCounters {
  return {
    budgetRejections: 0,
    nonGetServerErrors: 0,
    connectionResets: 0,
    truncatedBodies: 0,
    slowBodies: 0,
  };
}

/**
 * The faults every provider simulator can mount in front of its routes: an app-wide request budget
 * (whose limit may be set below the client's), bare 429s, 5xx on non-GET calls, connection resets,
 * cut-off and slow bodies. A simulator asks `admit` before running a route and `deliver` how to
 * write its answer (see `writeWire`).
 */
export class FaultLayer {
  readonly budget: SlidingWindowBudget;
  readonly counters: ChaosCounters = emptyChaosCounters();
  private switches: ChaosSwitches;
  private retryAfterHeader: boolean;
  private random: () => number;
  private readonly seed: number;
  private readonly errorBody: (status: number) => unknown;

  constructor(options: FaultLayerOptions) {
    this.budget = new SlidingWindowBudget(options.rateLimit?.requestsPerSecond ?? null);
    this.retryAfterHeader = options.rateLimit?.retryAfterHeader ?? true;
    this.switches = options.chaos ?? {};
    this.seed = options.seed ?? 1;
    this.random = seededRandom(this.seed);
    this.errorBody = options.errorBody;
  }

  get chaos(): ChaosSwitches {
    return this.switches;
  }

  /** Replaces every switch; the dice start again from the seed. */
  setChaos(switches: ChaosSwitches): void {
    this.switches = switches;
    this.random = seededRandom(this.seed);
  }

  /** A new limit starts with an empty window. */
  setRateLimit(
    requestsPerSecond: number | null,
    options: { retryAfterHeader?: boolean } = {},
  ): void {
    this.budget.setLimit(requestsPerSecond);
    if (options.retryAfterHeader !== undefined) this.retryAfterHeader = options.retryAfterHeader;
  }

  resetCounters(): void {
    Object.assign(this.counters, emptyChaosCounters());
  }

  admit(request: RequestFacts): Admission {
    const decision = this.budget.tryAdmit();
    if (!decision.admitted) {
      this.counters.budgetRejections += 1;
      if (this.switches.bareRateLimit) {
        return { verdict: 'answer', response: { status: 429, headers: {}, body: '' } };
      }
      const seconds = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
      const headers: Record<string, string> = this.retryAfterHeader
        ? { 'retry-after': seconds }
        : {};
      return { verdict: 'answer', response: this.errorResponse(429, headers) };
    }
    const serverErrors = this.switches.nonGetServerErrors;
    if (request.method !== 'GET' && this.hits(serverErrors, request)) {
      this.counters.nonGetServerErrors += 1;
      const response = this.errorResponse(serverErrors?.status ?? 503, {});
      return serverErrors?.afterHandler
        ? { verdict: 'answer_after_handler', response }
        : { verdict: 'answer', response };
    }
    return { verdict: 'pass' };
  }

  deliver(request: RequestFacts, response: WireResponse): Delivery {
    if (this.hits(this.switches.connectionResets, request)) {
      this.counters.connectionResets += 1;
      return { reset: true, truncate: false, bodyDelayMs: 0 };
    }
    const hasBody = response.body.length > 1;
    const truncate =
      hasBody &&
      response.status >= 200 &&
      response.status <= 299 &&
      this.hits(this.switches.truncatedBodies, request);
    if (truncate) this.counters.truncatedBodies += 1;
    const slow = this.switches.slowBodies;
    const bodyDelayMs = hasBody && this.hits(slow, request) ? (slow?.delayMs ?? 0) : 0;
    if (bodyDelayMs > 0) this.counters.slowBodies += 1;
    return { reset: false, truncate, bodyDelayMs };
  }

  private hits(rate: ChaosRate | undefined, request: RequestFacts): boolean {
    if (!rate || rate.rate <= 0) return false;
    if (rate.routes && !rate.routes.includes(request.route ?? '')) return false;
    return this.random() < rate.rate;
  }

  private errorResponse(status: number, headers: Record<string, string>): WireResponse {
    return {
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(this.errorBody(status)),
    };
  }
}
