import {
  DAY_MS,
  FakeClock,
  FaultLayer,
  FixedWindowQuota,
  MetricCatalog,
  TokenLedger,
  seededRandom,
  startPlatformHost,
  type PlatformSimulator,
  type PlatformSimulatorOptions,
} from '../shared';
import { linkedInControlRoutes } from './linkedin-control-http';
import { linkedInError } from './linkedin-errors';
import { runLinkedInRoute, screenLinkedInRequest } from './linkedin-gate';
import { linkedInRoutes } from './linkedin-routes';
import { LinkedInSimulatorControl } from './linkedin-simulator.control';
import type { LinkedInLimits, LinkedInState } from './linkedin-state';
import { LINKEDIN_SHARE_METRICS, LinkedInStore } from './linkedin-store';

export interface LinkedInSimulatorOptions extends PlatformSimulatorOptions {
  /** `LinkedIn-Version` values answered (default 202511, 202512, 202601). */
  readonly activeVersions?: readonly string[];
  readonly limits?: Partial<LinkedInLimits>;
}

/** `url` is the base for both `/rest/...` and `/oauth/v2/accessToken`. */
export type LinkedInSimulator = PlatformSimulator<LinkedInSimulatorControl>;

export const LINKEDIN_DEFAULT_VERSIONS = ['202511', '202512', '202601'] as const;

/** Starts a LinkedIn Community Management API simulator on 127.0.0.1 and a random port. */
export async function startLinkedInSimulator(
  options: LinkedInSimulatorOptions = {},
): Promise<LinkedInSimulator> {
  const seed = options.seed ?? 17;
  const clock = new FakeClock(options.now);
  const now = (): number => clock.now();
  const app = {
    clientId: options.clientId ?? 'linkedin-sim-client',
    clientSecret: options.clientSecret ?? 'linkedin-sim-secret',
  };
  const state: LinkedInState = {
    store: new LinkedInStore(now, seed),
    tokens: new TokenLedger('li', now, seed),
    clock,
    metrics: new MetricCatalog(LINKEDIN_SHARE_METRICS),
    dailyCalls: new FixedWindowQuota(DAY_MS, now),
    limits: {
      appPerDay: null,
      memberPerDay: null,
      infrastructureThrottleRate: 0,
      ...options.limits,
    },
    activeVersions: new Set(options.activeVersions ?? LINKEDIN_DEFAULT_VERSIONS),
    counters: { dailyThrottles: 0, infrastructureThrottles: 0, tokenRefreshes: 0 },
    app,
    random: seededRandom(seed),
  };
  const layer = new FaultLayer({
    chaos: options.chaos,
    seed,
    errorBody: (status) => ({ status, serviceErrorCode: 0, message: `Injected ${status}` }),
  });
  const host = await startPlatformHost({
    routes: linkedInRoutes(state),
    layer,
    clock,
    latencyMs: options.latencyMs,
    screen: screenLinkedInRequest,
    notFound: (request) => linkedInError(404, `No resource at ${request.method} ${request.path}`),
    runRoute: (request, route, handle) => runLinkedInRoute(state, request, route, handle),
    controlRoutes: (method, path, body) => linkedInControlRoutes(control, method, path, body),
    platformCounters: () => ({ ...state.counters }),
    resetPlatformCounters: () =>
      Object.assign(state.counters, {
        dailyThrottles: 0,
        infrastructureThrottles: 0,
        tokenRefreshes: 0,
      }),
  });
  const control = new LinkedInSimulatorControl(
    {
      host,
      layer,
      clock,
      tokens: state.tokens,
      catalogs: [state.metrics],
      limits: state.limits,
      settings: {},
      activeVersions: state.activeVersions,
    },
    state,
  );
  return { url: host.url, ...app, control, stop: () => host.stop() };
}
