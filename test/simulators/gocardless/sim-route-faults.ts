import { gcError } from './sim-errors';
import type { SimResult } from './sim-http';
import type { SimRoute } from './sim-routes.types';

export interface RouteFault {
  /** All API routes when absent. */
  readonly route?: SimRoute;
  /** Default 503. */
  readonly status?: number;
  /** How many matching calls it hits (default 1). */
  readonly times?: number;
}

interface QueuedFault {
  readonly route?: SimRoute;
  readonly status: number;
  remaining: number;
}

/**
 * GoCardless-side failures on any route, GETs included (the shared layer only fails non-GET
 * calls). They are not the bank's: they never add to an account's suspension count.
 */
export class RouteFaults {
  private queue: QueuedFault[] = [];

  add(fault: RouteFault): void {
    this.queue.push({
      route: fault.route,
      status: fault.status ?? 503,
      remaining: fault.times ?? 1,
    });
  }

  clear(): void {
    this.queue = [];
  }

  /** The answer of the first fault matching this route, using up one of its calls. */
  take(route: SimRoute): SimResult | undefined {
    const fault = this.queue.find((queued) => !queued.route || queued.route === route);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue.splice(this.queue.indexOf(fault), 1);
    return fault.status === 503
      ? gcError(503, 'Service temporarily unavailable', 'Please try again later')
      : gcError(fault.status, 'Internal server error', 'An unexpected error occurred');
  }
}
