import { FakeClock } from './fake-clock';
import { FaultLayer } from './fault-layer';
import type { PlatformControl, PlatformControlParts } from './platform-control';
import { platformControlRoutes } from './platform-control-http';
import { startPlatformHost, type PlatformHostOptions } from './platform-host';
import type { PlatformSimulator, PlatformSimulatorOptions } from './platform-simulator';
import type { SimRoute } from './route-table';
import type { SimExchangeRequest, SimExchangeResult } from './sim-exchange';
import { TokenLedger } from './token-ledger';

/** What every platform's state is built from. */
export interface PlatformBasics {
  readonly seed: number;
  readonly clock: FakeClock;
  readonly now: () => number;
  readonly tokens: TokenLedger;
  readonly app: { readonly clientId: string; readonly clientSecret: string };
}

/** How one social platform differs from the others; `startSocialPlatform` does the rest. */
export interface SocialPlatformSpec<
  State,
  Control extends PlatformControl<object>,
  Limits extends object = object,
  Settings extends object = object,
> {
  readonly defaults: {
    readonly seed: number;
    readonly tokenPrefix: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  readonly buildState: (basics: PlatformBasics) => State;
  readonly routes: (state: State) => SimRoute[];
  readonly screen?: PlatformHostOptions['screen'];
  readonly runRoute: (
    state: State,
    request: SimExchangeRequest,
    route: SimRoute,
    handle: (checked: SimExchangeRequest) => SimExchangeResult,
  ) => SimExchangeResult;
  readonly notFound: PlatformHostOptions['notFound'];
  /** The platform's body for the fault layer's injected errors. */
  readonly errorBody: (status: number) => unknown;
  readonly counters: (state: State) => Record<string, unknown>;
  readonly resetCounters: (state: State) => void;
  /** The state's parts the shared control steers. */
  readonly controlled: (
    state: State,
  ) => Pick<
    PlatformControlParts<Limits, Settings>,
    'catalogs' | 'limits' | 'settings' | 'activeVersions'
  >;
  readonly buildControl: (parts: PlatformControlParts<Limits, Settings>, state: State) => Control;
  /** The platform's own `/__control` routes, after the shared ones. */
  readonly controlRoutes: (
    control: Control,
    method: string,
    path: string,
    body: Record<string, unknown>,
  ) => SimExchangeResult | undefined;
}

/** Starts a social platform simulator: clock, tokens, fault layer, HTTP host and control. */
export async function startSocialPlatform<
  State,
  Control extends PlatformControl<object>,
  Limits extends object,
  Settings extends object,
>(
  spec: SocialPlatformSpec<State, Control, Limits, Settings>,
  options: PlatformSimulatorOptions,
): Promise<PlatformSimulator<Control>> {
  const seed = options.seed ?? spec.defaults.seed;
  const clock = new FakeClock(options.now);
  const now = (): number => clock.now();
  const tokens = new TokenLedger(spec.defaults.tokenPrefix, now, seed);
  const app = {
    clientId: options.clientId ?? spec.defaults.clientId,
    clientSecret: options.clientSecret ?? spec.defaults.clientSecret,
  };
  const state = spec.buildState({ seed, clock, now, tokens, app });
  const layer = new FaultLayer({ chaos: options.chaos, seed, errorBody: spec.errorBody });
  const host = await startPlatformHost({
    routes: spec.routes(state),
    layer,
    clock,
    latencyMs: options.latencyMs,
    screen: spec.screen,
    notFound: spec.notFound,
    runRoute: (request, route, handle) => spec.runRoute(state, request, route, handle),
    controlRoutes: (method, path, body) =>
      platformControlRoutes(control, method, path, body) ??
      spec.controlRoutes(control, method, path, body),
    platformCounters: () => spec.counters(state),
    resetPlatformCounters: () => spec.resetCounters(state),
    errorBody: spec.errorBody,
  });
  const control = spec.buildControl(
    { host, layer, clock, tokens, ...spec.controlled(state) },
    state,
  );
  return { url: host.url, ...app, control, stop: () => host.stop() };
}
