import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control-http';
import { ROUTES, matchRoute } from './routes';
import { SimAuth } from './sim-auth';
import { SimClock } from './sim-clock';
import { emptyCounters, increment } from './sim-counters';
import { CredentialRefreshEngine } from './sim-credential-refresh';
import { FaultLayer, pause, writeWire, type Delivery, type WireResponse } from '../shared';
import { FaultRegistry, type FaultEffect } from './sim-faults';
import { header, tinkError, type SimRequest, type SimResult } from './sim-http';
import { IdGenerator } from './sim-ids';
import { seedTinkData, type SeedOptions, type SeedSummary } from './sim-seed';
import type { RouteContext, RouteDefinition, SimState } from './sim-state';
import { SimStore } from './sim-store';
import { TinkSimulatorControl, type MutableSimSettings } from './tink-simulator.control';
import { DEFAULT_SIM_CLIENT, type TinkSimulatorOptions } from './tink-simulator.options';

export interface TinkSimulator {
  /** `http://127.0.0.1:<port>`, the client's base URL. */
  readonly url: string;
  /** Credentials of the first configured app. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Seeding API: add users, credentials, accounts, transactions; book pending rows. */
  readonly data: SimStore;
  readonly control: TinkSimulatorControl;
  /** Bulk deterministic data; dates are relative to the simulated today. */
  seed(options: SeedOptions): SeedSummary;
  stop(): Promise<void>;
}

/** Never reached by a client: the request hangs or the socket is dropped. */
type Silence = { readonly silence: 'hang' | 'drop' };

/** What goes back, and for which route (the fault layer decides per route how to deliver it). */
interface Answer {
  readonly response: WireResponse;
  readonly route?: string;
}

const AS_IS: Delivery = { reset: false, truncate: false, bodyDelayMs: 0 };

const MALFORMED_BODY =
  '{"transactions":[{"id":"4f1c9a","amount":{"currencyCode":"GBP","value":{"sca';

/** Starts a Tink simulator on 127.0.0.1 with a random port. */
export async function startTinkSimulator(
  options: TinkSimulatorOptions = {},
): Promise<TinkSimulator> {
  const clients = options.clients ?? [DEFAULT_SIM_CLIENT];
  const clock = new SimClock(options.now);
  const store = new SimStore(new IdGenerator(options.idSeed ?? 7), () => clock.now());
  const auth = new SimAuth(
    clients,
    {
      clientTokenSeconds: 1800,
      userTokenSeconds: 7200,
      authorizationCodeSeconds: 600,
      ...options.tokenLifetimes,
    },
    () => clock.now(),
  );
  const refresh = new CredentialRefreshEngine(store, clock, {
    stepMs: 200,
    quota: null,
    consentDays: 90,
    bookDuePendingOnRefresh: true,
    ...options.refresh,
  });
  const counters = emptyCounters();
  const layer = new FaultLayer({
    rateLimit: options.rateLimit,
    chaos: options.chaos,
    seed: options.chaosSeed,
    errorBody: (status) =>
      status === 429
        ? { errorMessage: 'Too many requests for this app', errorCode: 'RATE_LIMIT_EXCEEDED' }
        : { errorMessage: 'Injected failure', errorCode: String(status) },
  });
  const faults = new FaultRegistry((credentialId) => store.credential(credentialId)?.userId);
  const settings: MutableSimSettings = { latencyMs: options.latencyMs ?? 0 };
  const state: SimState = {
    store,
    auth,
    clock,
    refresh,
    counters,
    unknownFields: options.unknownFields ?? true,
  };
  const control = new TinkSimulatorControl({
    store,
    auth,
    clock,
    refresh,
    faults,
    layer,
    counters,
    settings,
  });
  const seed = (seedOptions: SeedOptions): SeedSummary =>
    seedTinkData(store, clock.today(), seedOptions);
  if (options.seed) seed(options.seed);

  const stopping = new AbortController();

  async function answer(request: SimRequest): Promise<Answer | Silence> {
    if (request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`)) {
      return { response: toWire(handleControl(request, control, seed)) };
    }
    const result = await answerApi(request);
    return 'silence' in result || 'response' in result ? result : { response: toWire(result) };
  }

  async function answerApi(request: SimRequest): Promise<SimResult | Answer | Silence> {
    counters.requests += 1;
    const matched = matchRoute(request.method, request.path);
    const routeName = matched?.route.name;
    increment(counters.byRoute, routeName ?? 'unknown');

    const admission = layer.admit({ method: request.method, route: routeName });
    if (admission.verdict === 'answer') {
      if (admission.response.status === 429) {
        counters.budgetRejections += 1;
        counters.rateLimited += 1;
      }
      return { response: admission.response, route: routeName };
    }
    if (settings.latencyMs > 0) await pause(settings.latencyMs, stopping.signal);
    if (!matched)
      return tinkError(404, 'NOT_FOUND', `No route for ${request.method} ${request.path}`);

    const { route, params } = matched;
    const authorized = authorize(route, request);
    if ('status' in authorized) return authorized;
    const context: RouteContext = { request, params, token: authorized.token, state };

    if (admission.verdict === 'answer_after_handler') {
      route.handle(context);
      return { response: admission.response, route: route.name };
    }
    const fault = faults.take({
      route: route.name,
      userId: authorized.token?.userId,
      credentialId: route.credentialParam === undefined ? undefined : params[route.credentialParam],
    });
    if (fault) {
      counters.faultsApplied += 1;
      if (fault.kind === 'delay') {
        await pause(fault.ms, stopping.signal);
      } else {
        if (fault.afterHandler) route.handle(context);
        return faultResult(fault);
      }
    }
    return { response: toWire(route.handle(context)), route: route.name };
  }

  function authorize(
    route: RouteDefinition,
    request: SimRequest,
  ): SimResult | Pick<RouteContext, 'token'> {
    if (!route.auth) return {};
    const check = auth.check(header(request.headers, 'authorization'));
    if (!check.ok) {
      return check.reason === 'expired'
        ? tinkError(401, 'TOKEN_EXPIRED', 'The access token has expired')
        : tinkError(401, 'UNAUTHORIZED', 'Missing or invalid access token');
    }
    if (check.token.kind !== route.auth.kind) {
      return tinkError(
        403,
        'FORBIDDEN',
        `This endpoint requires a ${route.auth.kind} access token`,
      );
    }
    if (!check.token.scopes.has(route.auth.scope)) {
      return tinkError(
        403,
        'MISSING_SCOPE',
        `The access token lacks the scope ${route.auth.scope}`,
      );
    }
    return { token: check.token };
  }

  function faultResult(fault: FaultEffect): SimResult | Silence {
    switch (fault.kind) {
      case 'status':
        return {
          status: fault.status,
          json: fault.body ?? { errorMessage: 'Injected failure', errorCode: String(fault.status) },
        };
      case 'rate_limit':
        counters.rateLimited += 1;
        return {
          ...tinkError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests'),
          headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
        };
      case 'hang':
        return { silence: 'hang' };
      case 'drop_connection':
        return { silence: 'drop' };
      case 'malformed_json':
        return { status: 200, rawBody: MALFORMED_BODY };
      case 'invalid_shape':
        return { status: 200, json: { unexpected: 'shape', items: 'not-a-list' } };
      case 'session_expired':
        return tinkError(
          401,
          'SESSION_EXPIRED',
          'The session has expired; the user must authenticate again',
        );
      case 'authentication_error':
        return tinkError(
          401,
          'AUTHENTICATION_ERROR',
          'The bank rejected the stored authentication',
        );
      case 'temporary_error':
        return tinkError(
          503,
          'TEMPORARY_ERROR',
          'Temporary error at the provider; try again later',
        );
      case 'delay':
        return tinkError(500, 'INTERNAL_ERROR', 'delay faults are applied before the handler');
    }
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
      };
      const isControl = request.path.startsWith(CONTROL_PREFIX);
      answer(request)
        .catch((error: unknown): Answer | Silence =>
          stopping.signal.aborted
            ? { silence: 'drop' }
            : {
                response: toWire(
                  tinkError(
                    500,
                    'INTERNAL_ERROR',
                    error instanceof Error ? error.message : String(error),
                  ),
                ),
              },
        )
        .then((result) => {
          if ('silence' in result) {
            if (result.silence === 'drop') req.socket.destroy();
            return;
          }
          const response = withTrace(result.response, header(req.headers, 'x-client-trace-id'));
          const delivery = isControl
            ? AS_IS
            : layer.deliver({ method: request.method, route: result.route }, response);
          if (!isControl && !delivery.reset) {
            increment(counters.byStatus, String(response.status));
          }
          writeWire(res, response, delivery, stopping.signal);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    clientId: clients[0].clientId,
    clientSecret: clients[0].clientSecret,
    data: store,
    control,
    seed,
    async stop(): Promise<void> {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toWire(result: SimResult): WireResponse {
  if (result.status === 204) return { status: 204, headers: { ...result.headers }, body: '' };
  return {
    status: result.status,
    headers: { 'content-type': 'application/json', ...result.headers },
    body: result.rawBody ?? JSON.stringify(result.json ?? {}),
  };
}

/** Request and trace ids on every answer but a bare one (no headers at all, on purpose). */
function withTrace(response: WireResponse, traceId: string | undefined): WireResponse {
  if (Object.keys(response.headers).length === 0 && response.status === 429) return response;
  const headers: Record<string, string> = { 'x-request-id': randomUUID(), ...response.headers };
  if (traceId) headers['x-client-trace-id'] = traceId;
  return { ...response, headers };
}

/** Route names and paths, for documentation and control clients. */
export const TINK_SIMULATOR_ROUTES = ROUTES.map((route) => ({
  name: route.name,
  method: route.method,
  path: route.pattern.source,
}));
