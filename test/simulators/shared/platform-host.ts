import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleChaosControl } from './chaos-control';
import type { FakeClock } from './fake-clock';
import type { ChaosCounters, FaultLayer, WireResponse } from './fault-layer';
import { emptyRequestCounters, countInto, type RequestCounters } from './request-counters';
import { matchSimRoute, type SimRoute } from './route-table';
import {
  parseJsonObject,
  toWireResponse,
  type SimExchangeRequest,
  type SimExchangeResult,
} from './sim-exchange';
import { pause } from './pause';
import { writeWire } from './wire';

export const CONTROL_PREFIX = '/__control';

/** The platform's own control routes (paths after the prefix); `undefined` = not one of them. */
export type PlatformControlRoutes = (
  method: string,
  path: string,
  body: Record<string, unknown>,
) => SimExchangeResult | undefined;

export interface PlatformHostOptions {
  readonly routes: readonly SimRoute[];
  readonly layer: FaultLayer;
  readonly clock: FakeClock;
  readonly latencyMs?: number;
  /**
   * Sees each API request before routing: may rewrite it (LinkedIn's query tunneling) or answer
   * it at once (LinkedIn's 414 for an over-long URL).
   */
  readonly screen?: (request: SimExchangeRequest) => SimExchangeRequest | SimExchangeResult;
  /** The platform's error when no route matches. */
  readonly notFound: (request: SimExchangeRequest) => SimExchangeResult;
  /** Runs a matched route: auth, versions and rate limits go here, around `handle`. */
  readonly runRoute: (
    request: SimExchangeRequest,
    route: SimRoute,
    handle: (checked: SimExchangeRequest) => SimExchangeResult,
  ) => SimExchangeResult;
  readonly controlRoutes: PlatformControlRoutes;
  /** The platform's own figures, shown beside the shared ones by `GET /__control/counters`. */
  readonly platformCounters: () => Record<string, unknown>;
  readonly resetPlatformCounters: () => void;
  /** The platform's error body for a status, for injected failures. */
  readonly errorBody: (status: number) => unknown;
}

export type PlatformCounterSnapshot = RequestCounters & {
  readonly chaos: ChaosCounters;
} & Record<string, unknown>;

export interface PlatformHost {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The shared figures plus the platform's and the fault layer's, as a snapshot. */
  counters(): PlatformCounterSnapshot;
  resetCounters(): void;
  setLatency(ms: number): void;
  /** The next `times` API calls (of `route`, or any) are answered `status` before their route runs. */
  failNext(status: number, times: number, route?: string): void;
  stop(): Promise<void>;
}

/**
 * The plumbing the social platform simulators share: an HTTP server on 127.0.0.1 and a random
 * port, `/__control` (counters, latency, clock, chaos, then the platform's own routes), the fault
 * layer in front of every API route, and per-route counting.
 */
export async function startPlatformHost(options: PlatformHostOptions): Promise<PlatformHost> {
  const { layer, clock } = options;
  const counters = emptyRequestCounters();
  let latencyMs = options.latencyMs ?? 0;
  const pendingFailures: { status: number; route?: string }[] = [];
  const stopping = new AbortController();

  const snapshot = (): PlatformCounterSnapshot => ({
    requests: counters.requests,
    byRoute: { ...counters.byRoute },
    byStatus: { ...counters.byStatus },
    chaos: { ...layer.counters },
    ...options.platformCounters(),
  });
  const resetCounters = (): void => {
    Object.assign(counters, emptyRequestCounters());
    layer.resetCounters();
    options.resetPlatformCounters();
  };

  function control(request: SimExchangeRequest): SimExchangeResult {
    const body = parseJsonObject(request.bodyText);
    if (!body) return { status: 400, json: { error: 'body must be a JSON object' } };
    const path = request.path.slice(CONTROL_PREFIX.length);
    const routeNames = options.routes.map((route) => route.name);
    const chaos = handleChaosControl(request.method, path, body, layer, routeNames);
    if (chaos) return chaos;
    try {
      switch (`${request.method} ${path}`) {
        case 'GET /counters':
          return { status: 200, json: snapshot() };
        case 'POST /counters/reset':
          resetCounters();
          return { status: 204 };
        case 'PUT /latency':
          if (typeof body.ms !== 'number' || body.ms < 0) return badControl('ms must be >= 0');
          latencyMs = body.ms;
          return { status: 204 };
        case 'POST /clock/advance':
          if (typeof body.ms !== 'number') return badControl('ms must be a number');
          clock.advance(body.ms);
          return { status: 200, json: { now: clock.now() } };
        case 'PUT /clock':
          if (typeof body.now !== 'number') return badControl('now must be epoch ms');
          clock.set(body.now);
          return { status: 200, json: { now: clock.now() } };
      }
      return (
        options.controlRoutes(request.method, path, body) ?? {
          status: 404,
          json: { error: `unknown control route ${request.method} ${path}` },
        }
      );
    } catch (error) {
      return badControl(error instanceof Error ? error.message : String(error));
    }
  }

  async function api(
    received: SimExchangeRequest,
  ): Promise<{ response: WireResponse; route?: string }> {
    counters.requests += 1;
    const screened = options.screen?.(received) ?? received;
    if (!('path' in screened)) return { response: toWireResponse(screened) };
    const request = screened;
    const matched = matchSimRoute(options.routes, request.method, request.path);
    const route = matched?.route.name;
    countInto(counters.byRoute, route ?? 'unknown');
    const failure = pendingFailures.findIndex((f) => f.route === undefined || f.route === route);
    if (failure >= 0) {
      const [{ status }] = pendingFailures.splice(failure, 1);
      return { response: toWireResponse({ status, json: options.errorBody(status) }), route };
    }
    const admission = layer.admit({ method: request.method, route });
    if (admission.verdict === 'answer') return { response: admission.response, route };
    if (latencyMs > 0) await pause(latencyMs, stopping.signal);
    if (!matched) return { response: toWireResponse(options.notFound(request)) };
    const result = options.runRoute(request, matched.route, (checked) =>
      matched.route.handle(checked, matched.params),
    );
    const response =
      admission.verdict === 'answer_after_handler' ? admission.response : toWireResponse(result);
    return { response, route };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.url ?? '/';
      const url = new URL(target, 'http://simulator');
      const request: SimExchangeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        rawQuery: target.includes('?') ? target.slice(target.indexOf('?') + 1) : '',
        rawUrlLength: target.length,
        headers: req.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      };
      if (request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`)) {
        writeWire(res, toWireResponse(control(request)), AS_IS, stopping.signal);
        return;
      }
      api(request)
        .catch(() => ({ response: toWireResponse(SIMULATOR_FAILURE), route: undefined }))
        .then(({ response, route }) => {
          const delivery = layer.deliver({ method: request.method, route }, response);
          if (!delivery.reset) countInto(counters.byStatus, String(response.status));
          writeWire(res, response, delivery, stopping.signal);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counters: snapshot,
    resetCounters,
    setLatency: (ms) => (latencyMs = ms),
    failNext: (status, times, route) => {
      for (let i = 0; i < times; i++) pendingFailures.push({ status, route });
    },
    async stop(): Promise<void> {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const AS_IS = { reset: false, truncate: false, bodyDelayMs: 0 } as const;

const SIMULATOR_FAILURE: SimExchangeResult = { status: 500, json: { error: 'simulator failure' } };

const badControl = (message: string): SimExchangeResult => ({
  status: 400,
  json: { error: message },
});
