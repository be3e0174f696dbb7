import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultLayer, pause, writeWire, type Delivery, type WireResponse } from '../shared';
import { CONTROL_PREFIX, handleControl } from './control-http';
import { GoCardlessSimulatorControl } from './gocardless-simulator.control';
import { DEFAULT_SECRET, type GoCardlessSimulatorOptions } from './gocardless-simulator.options';
import { ROUTES, matchRoute, pathKnown } from './routes';
import { AccountAccess } from './sim-account-access';
import { AccountSuccessLimiter } from './sim-account-limits';
import { ApiRateLimiter, periodName } from './sim-api-limits';
import { SimClock } from './sim-clock';
import { emptyCounters, increment } from './sim-counters';
import {
  gcError,
  invalidToken,
  ipAccessDenied,
  missingCredentials,
  notFound,
  rateLimitExceeded,
} from './sim-errors';
import { header, type SimRequest, type SimResult } from './sim-http';
import { IdGenerator } from './sim-ids';
import { LINK_PREFIX, LinkFlow } from './sim-link-flow';
import { accountLimitHeaders, apiLimitHeaders } from './sim-rate-headers';
import { RouteFaults } from './sim-route-faults';
import { SimSeeder } from './sim-seed';
import type { RouteDefinition, SimSettings, SimState } from './sim-state';
import { SimStore } from './sim-store';
import { SimTokens } from './sim-tokens';

export interface GoCardlessSimulator extends GoCardlessSimulatorControl {
  /** `http://127.0.0.1:<port>`; the link pages live here. */
  readonly url: string;
  /** `${url}/api/v2`, the client's base URL. */
  readonly apiUrl: string;
  /** The first company's secrets, for `/token/new/`. */
  readonly secretId: string;
  readonly secretKey: string;
  stop(): Promise<void>;
}

interface Answer {
  readonly response: WireResponse;
  /** The route name the fault layer delivers for; absent for control and link pages. */
  readonly route?: string;
  readonly api: boolean;
}

const AS_IS: Delivery = { reset: false, truncate: false, bodyDelayMs: 0 };
const BARE_429: WireResponse = { status: 429, headers: {}, body: '' };

/** Starts a GoCardless Bank Account Data simulator on 127.0.0.1 with a random port. */
export async function startGoCardlessSimulator(
  options: GoCardlessSimulatorOptions = {},
): Promise<GoCardlessSimulator> {
  const secrets = options.secrets ?? [DEFAULT_SECRET];
  const clock = new SimClock(options.now);
  const now = (): number => clock.now();
  const settings: SimSettings = {
    latencyMs: options.latencyMs ?? 0,
    euaExpiredStatus: options.euaExpiredStatus ?? 400,
    suspendAfterFailures: options.suspendAfterFailures ?? 10,
    defaultSuccessLimit: options.accountSuccessLimit ?? 4,
    accountLimitBody: options.accountLimitBody ?? 'rate-limit-exceeded',
    beyondBankHistory: options.beyondBankHistory ?? 'reject',
    unknownFields: options.unknownFields ?? true,
    ipDenied: false,
  };
  const ids = new IdGenerator(options.dataSeed ?? 7);
  const store = new SimStore(ids, now, () => settings.defaultSuccessLimit);
  const seeder = new SimSeeder(store, ids.seeded, now, () => clock.today());
  const link = new LinkFlow(
    store,
    seeder,
    now,
    options.linkAccounts ?? [{ booked: 10, pending: 2 }],
  );
  const counters = emptyCounters();
  const apiLimits = new ApiRateLimiter(options.apiLimits ?? {}, now);
  const routeFaults = new RouteFaults();
  const layer = new FaultLayer({
    rateLimit: options.rateLimit,
    chaos: options.chaos,
    seed: options.chaosSeed,
    errorBody: (status) =>
      status === 429
        ? rateLimitExceeded(options.rateLimit?.requestsPerSecond ?? 0, 'second', 1).json
        : gcError(status, 'Service unavailable', 'Injected failure; please try again later').json,
  });
  let baseUrl = '';
  const state: SimState = {
    store,
    clock,
    tokens: new SimTokens(
      secrets,
      { accessSeconds: 86_400, refreshSeconds: 2_592_000, ...options.tokenLifetimes },
      now,
    ),
    accountLimits: new AccountSuccessLimiter(now),
    access: new AccountAccess(store, now, settings),
    seeder,
    link,
    counters,
    settings,
    baseUrl: () => baseUrl,
    fetchNumber: 0,
  };
  if (options.bulk) seeder.bulk(options.bulk);
  const stopping = new AbortController();
  const control = new RunningGoCardlessSimulator(
    {
      store,
      clock,
      tokens: state.tokens,
      apiLimits,
      routeFaults,
      accountLimits: state.accountLimits,
      access: state.access,
      seeder,
      link,
      layer,
      counters,
      settings,
    },
    () => baseUrl,
    secrets[0],
    async () => {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  );

  async function answer(request: SimRequest): Promise<Answer> {
    if (request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`)) {
      return { response: toWire(handleControl(request, control)), api: false };
    }
    if (request.method === 'GET' && request.path.startsWith(LINK_PREFIX)) {
      counters.linkOpens += 1;
      return { response: toWire(link.open(request.path)), api: false };
    }
    return answerApi(request);
  }

  async function answerApi(request: SimRequest): Promise<Answer> {
    counters.requests += 1;
    const matched = matchRoute(request.method, request.path);
    const route = matched?.route;
    increment(counters.byRoute, route?.name ?? 'unknown');

    const admission = layer.admit({ method: request.method, route: route?.name });
    if (admission.verdict === 'answer') {
      if (admission.response.status === 429) counters.rateLimited.faultLayer += 1;
      const bare = Object.keys(admission.response.headers).length === 0;
      const response = bare ? admission.response : withLimitHeaders(admission.response, route);
      return { response, route: route?.name, api: true };
    }
    if (settings.latencyMs > 0) await pause(settings.latencyMs, stopping.signal);
    if (!matched || !route) {
      const result = pathKnown(request.path)
        ? gcError(405, 'Method not allowed', `Method "${request.method}" not allowed.`)
        : notFound();
      return { response: toWire(result), api: true };
    }
    const handled = run(route, request, matched.params);
    const wire =
      admission.verdict === 'answer_after_handler' ? admission.response : toWire(handled);
    if (wire.status === 429 && layer.chaos.bareRateLimit) {
      return { response: BARE_429, route: route.name, api: true };
    }
    return {
      response: withLimitHeaders(wire, route, matched.params[0]),
      route: route.name,
      api: true,
    };
  }

  function run(route: RouteDefinition, request: SimRequest, params: string[]): SimResult {
    const taken = apiLimits.take(route.bucket);
    if (!taken.admitted) {
      counters.rateLimited.api += 1;
      const { limit, periodSeconds, resetSeconds } = taken.state;
      return rateLimitExceeded(limit, periodName(periodSeconds), resetSeconds);
    }
    const fault = routeFaults.take(route.name);
    if (fault) {
      counters.routeFaults += 1;
      return fault;
    }
    if (settings.ipDenied) return ipAccessDenied(request.remoteAddress);
    if (route.auth) {
      const check = state.tokens.check(header(request.headers, 'authorization'));
      if (check === 'missing') return missingCredentials();
      if (check === 'invalid') return invalidToken();
    }
    return route.handle({ request, params, state });
  }

  /** Company-wide headers on every API answer; the account's on account data routes. */
  function withLimitHeaders(
    response: WireResponse,
    route: RouteDefinition | undefined,
    accountId?: string,
  ): WireResponse {
    if (!route) return response;
    const headers = { ...response.headers, ...apiLimitHeaders(apiLimits.peek(route.bucket)) };
    if (route.scope) {
      const account = accountId === undefined ? undefined : store.account(accountId);
      const limit = account?.successLimit ?? settings.defaultSuccessLimit;
      const limitState = account
        ? state.accountLimits.state(account.id, route.scope, limit)
        : { limit, remaining: limit, resetSeconds: 0 };
      Object.assign(headers, accountLimitHeaders(limitState));
    }
    return { ...response, headers };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const request: SimRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
        remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
      };
      answer(request)
        .catch((error: unknown): Answer | null =>
          stopping.signal.aborted
            ? null
            : {
                response: toWire(
                  gcError(
                    500,
                    'Simulator error',
                    error instanceof Error ? error.message : String(error),
                  ),
                ),
                api: false,
              },
        )
        .then((result) => {
          if (!result) {
            req.socket.destroy();
            return;
          }
          const delivery = result.api
            ? layer.deliver({ method: request.method, route: result.route }, result.response)
            : AS_IS;
          if (result.api && !delivery.reset) {
            increment(counters.byStatus, String(result.response.status));
            if (result.response.status === 429) counters.rateLimited.total += 1;
          }
          writeWire(res, result.response, delivery, stopping.signal);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return control;
}

class RunningGoCardlessSimulator extends GoCardlessSimulatorControl implements GoCardlessSimulator {
  readonly secretId: string;
  readonly secretKey: string;

  constructor(
    parts: ConstructorParameters<typeof GoCardlessSimulatorControl>[0],
    private readonly address: () => string,
    secret: { secretId: string; secretKey: string },
    private readonly stopServer: () => Promise<void>,
  ) {
    super(parts);
    this.secretId = secret.secretId;
    this.secretKey = secret.secretKey;
  }

  get url(): string {
    return this.address();
  }

  get apiUrl(): string {
    return `${this.address()}/api/v2`;
  }

  stop(): Promise<void> {
    return this.stopServer();
  }
}

function toWire(result: SimResult): WireResponse {
  if (result.status === 204) return { status: 204, headers: { ...result.headers }, body: '' };
  const body = result.rawBody ?? JSON.stringify(result.json ?? {});
  const contentType: Record<string, string> =
    result.rawBody === undefined ? { 'content-type': 'application/json' } : {};
  return { status: result.status, headers: { ...contentType, ...result.headers }, body };
}

/** Route names and paths, for documentation and control clients. */
export const GOCARDLESS_SIMULATOR_ROUTES = ROUTES.map((route) => ({
  name: route.name,
  method: route.method,
  path: route.pattern.source,
}));
