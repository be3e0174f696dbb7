import {
  DAY_MS,
  FixedWindowQuota,
  MetricCatalog,
  seededRandom,
  startSocialPlatform,
  type PlatformSimulator,
  type PlatformSimulatorOptions,
  type SocialPlatformSpec,
} from '../shared';
import { linkedInControlRoutes } from './linkedin-control-http';
import { linkedInError } from './linkedin-errors';
import { runLinkedInRoute, screenLinkedInRequest } from './linkedin-gate';
import { linkedInRoutes } from './linkedin-routes';
import { LinkedInSimulatorControl } from './linkedin-simulator.control';
import type { LinkedInCounters, LinkedInLimits, LinkedInState } from './linkedin-state';
import { LINKEDIN_SHARE_METRICS, LinkedInStore } from './linkedin-store';

export interface LinkedInSimulatorOptions extends PlatformSimulatorOptions<LinkedInLimits> {
  /** `LinkedIn-Version` values answered (default 202511, 202512, 202601). */
  readonly activeVersions?: readonly string[];
}

/** `url` is the base for both `/rest/...` and `/oauth/v2/accessToken`. */
export type LinkedInSimulator = PlatformSimulator<LinkedInSimulatorControl>;

export const LINKEDIN_DEFAULT_VERSIONS = ['202511', '202512', '202601'] as const;

const emptyLinkedInCounters = (): LinkedInCounters => ({
  dailyThrottles: 0,
  infrastructureThrottles: 0,
  tokenRefreshes: 0,
});

/** Starts a LinkedIn Community Management API simulator on 127.0.0.1 and a random port. */
export function startLinkedInSimulator(
  options: LinkedInSimulatorOptions = {},
): Promise<LinkedInSimulator> {
  const spec: SocialPlatformSpec<LinkedInState, LinkedInSimulatorControl, LinkedInLimits> = {
    defaults: {
      seed: 17,
      tokenPrefix: 'li',
      clientId: 'linkedin-sim-client',
      clientSecret: 'linkedin-sim-secret',
    },
    buildState: ({ seed, clock, now, tokens, app }) => ({
      store: new LinkedInStore(now, seed),
      tokens,
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
      counters: emptyLinkedInCounters(),
      app,
      random: seededRandom(seed),
    }),
    routes: linkedInRoutes,
    screen: screenLinkedInRequest,
    runRoute: runLinkedInRoute,
    notFound: (request) => linkedInError(404, `No resource at ${request.method} ${request.path}`),
    errorBody: (status) => ({ status, serviceErrorCode: 0, message: `Injected ${status}` }),
    counters: (state) => ({ ...state.counters }),
    resetCounters: (state) => Object.assign(state.counters, emptyLinkedInCounters()),
    controlled: (state) => ({
      catalogs: [state.metrics],
      limits: state.limits,
      settings: {},
      activeVersions: state.activeVersions,
    }),
    buildControl: (parts, state) => new LinkedInSimulatorControl(parts, state),
    controlRoutes: linkedInControlRoutes,
  };
  return startSocialPlatform(spec, options);
}
