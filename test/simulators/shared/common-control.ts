import { noContent, ok, type SimResult } from './sim-http';

/** What every provider simulator's control can do, whatever else it simulates. */
export interface CommonSimulatorControl {
  setLatency(ms: number): void;
  setRateLimit(requestsPerSecond: number | null, options?: { retryAfterHeader?: boolean }): void;
  counters(): unknown;
  resetCounters(): void;
  reset(): void;
}

export const controlBadRequest = (message: string): SimResult => ({
  status: 400,
  json: { error: message },
});

/**
 * The control routes every provider simulator serves alike (latency, the app-wide rate limit,
 * counters, reset); `undefined` for any other route, which the simulator's own control handles.
 */
export function handleCommonControl(
  route: string,
  body: Record<string, unknown>,
  control: CommonSimulatorControl,
): SimResult | undefined {
  switch (route) {
    case 'PUT /latency':
      if (typeof body.ms !== 'number' || body.ms < 0) return controlBadRequest('ms must be >= 0');
      control.setLatency(body.ms);
      return noContent();
    case 'PUT /rate-limit': {
      const rps = body.requestsPerSecond;
      if (rps !== null && (typeof rps !== 'number' || rps <= 0)) {
        return controlBadRequest('requestsPerSecond must be a positive number or null');
      }
      const retryAfterHeader =
        typeof body.retryAfterHeader === 'boolean' ? body.retryAfterHeader : undefined;
      control.setRateLimit(rps, { retryAfterHeader });
      return noContent();
    }
    case 'GET /counters':
      return ok(control.counters());
    case 'POST /counters/reset':
      control.resetCounters();
      return noContent();
    case 'POST /reset':
      control.reset();
      return noContent();
    default:
      return undefined;
  }
}
