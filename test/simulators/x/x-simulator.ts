import {
  FixedWindowQuota,
  MetricCatalog,
  startSocialPlatform,
  type PlatformSimulator,
  type PlatformSimulatorOptions,
  type SocialPlatformSpec,
} from '../shared';
import { xControlRoutes } from './x-control-http';
import { xProblem } from './x-errors';
import { runXRoute } from './x-gate';
import { xRoutes } from './x-routes';
import { XSimulatorControl } from './x-simulator.control';
import type { XCounters, XLimits, XSettings, XState } from './x-state';
import { XStore } from './x-store';

export interface XSimulatorOptions extends PlatformSimulatorOptions<XLimits, XSettings> {
  /** `tweet.fields` values refused from the start. */
  readonly retiredFields?: readonly string[];
}

/** `url` is the base for `/2/...`; X's PKCE clients have no secret, so `clientSecret` is ''. */
export type XSimulator = PlatformSimulator<XSimulatorControl>;

export const X_TWEET_FIELDS = [
  'id',
  'text',
  'created_at',
  'author_id',
  'edit_history_tweet_ids',
  'conversation_id',
  'lang',
  'public_metrics',
  'non_public_metrics',
  'organic_metrics',
] as const;

const FIFTEEN_MINUTES_MS = 15 * 60_000;

const emptyXCounters = (): XCounters => ({
  reads: 0,
  readsByUser: {},
  rateLimited: 0,
  tokenRefreshes: 0,
});

/** Starts an X API v2 simulator (user timelines, token refresh) on 127.0.0.1 and a random port. */
export function startXSimulator(options: XSimulatorOptions = {}): Promise<XSimulator> {
  const spec: SocialPlatformSpec<XState, XSimulatorControl, XLimits, XSettings> = {
    defaults: { seed: 23, tokenPrefix: 'x', clientId: 'x-sim-client', clientSecret: '' },
    buildState: ({ seed, clock, now, tokens, app }) => ({
      store: new XStore(now, seed),
      tokens,
      clock,
      fields: new MetricCatalog(X_TWEET_FIELDS, options.retiredFields),
      window: new FixedWindowQuota(FIFTEEN_MINUTES_MS, now),
      limits: { perUserWindow: 900, perAppWindow: 10_000, usageCapped: false, ...options.limits },
      settings: { repostMetricName: 'retweet_count', privateMetricsDays: 30, ...options.settings },
      counters: emptyXCounters(),
      app: { clientId: app.clientId, bearerToken: tokens.issueAccess('app', 'app', null).value },
    }),
    routes: xRoutes,
    runRoute: runXRoute,
    notFound: (request) =>
      xProblem(404, 'Not Found', `No route for ${request.method} ${request.path}`),
    errorBody: (status) => ({
      title: 'Service Unavailable',
      detail: `Injected ${status}`,
      type: 'about:blank',
      status,
    }),
    counters: (state) => ({ ...state.counters, readsByUser: { ...state.counters.readsByUser } }),
    resetCounters: (state) => Object.assign(state.counters, emptyXCounters()),
    controlled: (state) => ({
      catalogs: [state.fields],
      limits: state.limits,
      settings: state.settings,
    }),
    buildControl: (parts, state) => new XSimulatorControl(parts, state),
    controlRoutes: xControlRoutes,
  };
  return startSocialPlatform(spec, options);
}
