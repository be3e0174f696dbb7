import {
  FixedWindowQuota,
  HOUR_MS,
  MetricCatalog,
  startSocialPlatform,
  type PlatformSimulator,
  type PlatformSimulatorOptions,
  type SocialPlatformSpec,
} from '../shared';
import { metaControlRoutes } from './meta-control-http';
import { graphError } from './meta-errors';
import { runMetaRoute } from './meta-gate';
import { metaRoutes } from './meta-routes';
import { MetaSimulatorControl } from './meta-simulator.control';
import type { MetaCounters, MetaLimits, MetaSettings, MetaState } from './meta-state';
import { MetaStore } from './meta-store';

export interface MetaSimulatorOptions extends PlatformSimulatorOptions<MetaLimits, MetaSettings> {
  /** Graph versions answered (default v24.0, v25.0). */
  readonly activeVersions?: readonly string[];
}

/** `url` is the base for `/v25.0/...`. */
export type MetaSimulator = PlatformSimulator<MetaSimulatorControl>;

export const META_DEFAULT_VERSIONS = ['v24.0', 'v25.0'] as const;

/** Page post metrics; the retired ones were removed in 2025 and answer `(#100)`. */
export const META_PAGE_POST_METRICS = {
  known: [
    'post_impressions',
    'post_impressions_unique',
    'post_engaged_users',
    'post_media_view',
    'post_total_media_view_unique',
    'post_reactions_by_type_total',
    'post_clicks',
  ],
  retired: ['post_impressions', 'post_impressions_unique', 'post_engaged_users'],
} as const;

/** Instagram media metrics; `impressions`, `plays` and `video_views` were deprecated in 2025. */
export const META_IG_MEDIA_METRICS = {
  known: [
    'impressions',
    'plays',
    'video_views',
    'views',
    'reach',
    'likes',
    'comments',
    'shares',
    'saved',
    'total_interactions',
  ],
  retired: ['impressions', 'plays', 'video_views'],
} as const;

const emptyMetaCounters = (): MetaCounters => ({
  throttled: 0,
  insightsCalls: 0,
  invalidMetricErrors: 0,
  tokenExchanges: 0,
});

/** Starts a Graph API simulator (Pages, Instagram media, insights) on 127.0.0.1 and a random port. */
export function startMetaSimulator(options: MetaSimulatorOptions = {}): Promise<MetaSimulator> {
  const spec: SocialPlatformSpec<MetaState, MetaSimulatorControl, MetaLimits, MetaSettings> = {
    defaults: {
      seed: 29,
      tokenPrefix: 'meta',
      clientId: 'meta-sim-app',
      clientSecret: 'meta-sim-secret',
    },
    buildState: ({ seed, clock, now, tokens, app }) => ({
      store: new MetaStore(now, seed),
      tokens,
      clock,
      pageMetrics: new MetricCatalog(META_PAGE_POST_METRICS.known, META_PAGE_POST_METRICS.retired),
      mediaMetrics: new MetricCatalog(META_IG_MEDIA_METRICS.known, META_IG_MEDIA_METRICS.retired),
      hourlyCalls: new FixedWindowQuota(HOUR_MS, now),
      limits: {
        appCallsPerHour: 200,
        businessCallsPerHour: 200,
        usageHeadersFromCall: 3,
        pageThrottleCode: 32,
        ...options.limits,
      },
      settings: { emptyPagesBetween: false, ...options.settings },
      activeVersions: new Set(options.activeVersions ?? META_DEFAULT_VERSIONS),
      counters: emptyMetaCounters(),
      forcedThrottles: [],
      app,
    }),
    routes: metaRoutes,
    runRoute: runMetaRoute,
    notFound: (request) => graphError(2500, `Unknown path components: ${request.path}`),
    errorBody: (status) => ({
      error: { message: `Injected ${status}`, type: 'OAuthException', code: 2, is_transient: true },
    }),
    counters: (state) => ({ ...state.counters }),
    resetCounters: (state) => Object.assign(state.counters, emptyMetaCounters()),
    controlled: (state) => ({
      catalogs: [state.pageMetrics, state.mediaMetrics],
      limits: state.limits,
      settings: state.settings,
      activeVersions: state.activeVersions,
    }),
    buildControl: (parts, state) => new MetaSimulatorControl(parts, state),
    controlRoutes: metaControlRoutes,
  };
  return startSocialPlatform(spec, options);
}
