import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultLayer, writeWire, type Delivery, type WireResponse } from '../shared';
import { CONTROL_PREFIX, handleControl } from './control-http';
import { PowensSimulatorControl, type MutableSimSettings } from './powens-simulator.control';
import { DEFAULT_SIM_CLIENT, type PowensSimulatorOptions } from './powens-simulator.options';
import { API_PREFIX, matchRoute } from './routes';
import { SimAuth } from './sim-auth';
import { SimClock } from './sim-clock';
import { emptyCounters, increment } from './sim-counters';
import { FaultQueue } from './sim-faults';
import { header, powensError, type SimRequest, type SimResult } from './sim-http';
import { renderAccount, renderConnection, renderTransaction } from './sim-render';
import type { RouteContext, SimState, WebviewSettings } from './sim-state';
import { SimStore } from './sim-store';
import { SyncEngine, type SyncSettings } from './sim-sync';
import type { SimConnection } from './sim-types';
import { WebhookSender } from './sim-webhooks';

export interface PowensSimulator {
  /** `http://127.0.0.1:<port>`: the host (webview stub at `/webview/{lang}/connect`). */
  readonly url: string;
  /** `<url>/2.0`, the client's base URL. */
  readonly apiUrl: string;
  /** Credentials of the first configured app. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Seeding API: connections, accounts, transactions; delete and book rows. */
  readonly data: SimStore;
  /** Users and tokens, for tests that need a user without going through `/auth/init`. */
  readonly auth: SimAuth;
  readonly control: PowensSimulatorControl;
  stop(): Promise<void>;
}

type Answer =
  { readonly response: WireResponse; readonly route?: string } | { readonly drop: true };

const AS_IS: Delivery = { reset: false, truncate: false, bodyDelayMs: 0 };

/** Starts a Powens simulator on 127.0.0.1 with a random port. */
export async function startPowensSimulator(
  options: PowensSimulatorOptions = {},
): Promise<PowensSimulator> {
  const clients = options.clients ?? [DEFAULT_SIM_CLIENT];
  const dataSeed = options.dataSeed ?? 13;
  const clock = new SimClock(options.now);
  const now = (): number => clock.now();
  const store = new SimStore(now, dataSeed);
  const auth = new SimAuth(clients, now, dataSeed);
  const webhooks = new WebhookSender(options.webhook ?? null, now);
  const initialSync: SyncSettings = { delayMs: 50, minGapMs: 0, ...options.sync };
  const webview: WebviewSettings = {
    outcome: 'connect',
    accountsPerConnection: 2,
    transactionsPerAccount: 30,
    ...options.webview,
  };
  const announceSynced = (connection: SimConnection): void => {
    if (!auth.isPermanentUser(connection.userId)) return;
    webhooks.send('CONNECTION_SYNCED', connectionSyncedPayload(store, connection));
  };
  const sync = new SyncEngine(store, clock, { ...initialSync }, announceSynced);
  const layer = new FaultLayer({
    rateLimit: options.rateLimit,
    chaos: options.chaos,
    seed: options.chaosSeed,
    errorBody: (status) => errorBody(status),
  });
  const faults = new FaultQueue();
  const counters = emptyCounters();
  const settings: MutableSimSettings = { latencyMs: options.latencyMs ?? 0 };
  const state: SimState = { store, auth, clock, sync, webview, announceSynced };
  const control = new PowensSimulatorControl({
    store,
    auth,
    clock,
    sync,
    webhooks,
    webview,
    faults,
    layer,
    counters,
    settings,
    initialSync,
  });
  const stopping = new AbortController();

  async function answerApi(request: SimRequest): Promise<SimResult | Answer> {
    counters.requests += 1;
    const matched = matchRoute(request.method, request.path);
    const routeName = matched?.route.name;
    increment(counters.byRoute, routeName ?? 'unknown');
    const admission = layer.admit({ method: request.method, route: routeName });
    if (admission.verdict === 'answer') return { response: admission.response, route: routeName };
    if (settings.latencyMs > 0) await pause(settings.latencyMs, stopping.signal);
    if (!matched) {
      return powensError(404, 'notFound', `No route for ${request.method} ${request.path}`);
    }
    const { route, params } = matched;
    let token: RouteContext['token'] | undefined;
    if (route.auth) {
      const check = auth.check(header(request.headers, 'authorization'));
      if (!check.ok) {
        const why = check.reason === 'expired' ? 'The token has expired' : 'Invalid token';
        return powensError(401, 'forbidden', why);
      }
      token = check.token;
    }
    const context = { request, params, token, state } as RouteContext;
    if (admission.verdict === 'answer_after_handler') {
      await route.handle(context);
      return { response: admission.response, route: route.name };
    }
    const fault = faults.take(route.name);
    if (fault) {
      counters.faultsApplied += 1;
      if (fault.kind === 'status') {
        return powensError(fault.status, fault.code, 'Injected failure');
      }
      await pause(fault.ms, stopping.signal);
    }
    return { response: toWire(await route.handle(context)), route: route.name };
  }

  async function answer(request: SimRequest): Promise<Answer> {
    if (request.path === CONTROL_PREFIX || request.path.startsWith(`${CONTROL_PREFIX}/`)) {
      return { response: toWire(handleControl(request, control)) };
    }
    try {
      const result = await answerApi(request);
      return 'response' in result || 'drop' in result ? result : { response: toWire(result) };
    } catch (error) {
      if (stopping.signal.aborted) return { drop: true };
      const message = error instanceof Error ? error.message : String(error);
      return { response: toWire(powensError(500, 'bug', message)) };
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
      void answer(request).then((result) => {
        if ('drop' in result) {
          req.socket.destroy();
          return;
        }
        const isControl = request.path.startsWith(CONTROL_PREFIX);
        const delivery = isControl
          ? AS_IS
          : layer.deliver({ method: request.method, route: result.route }, result.response);
        if (!isControl && !delivery.reset) {
          increment(counters.byStatus, String(result.response.status));
        }
        writeWire(res, result.response, delivery, stopping.signal);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    clientId: clients[0].clientId,
    clientSecret: clients[0].clientSecret,
    data: store,
    auth,
    control,
    async stop(): Promise<void> {
      stopping.abort();
      sync.stopAll();
      await webhooks.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Powens' body for the fault layer's answers (injected 5xx, budget 429s). */
function errorBody(status: number): unknown {
  const code = status === 429 ? 'tooManySync' : status === 503 ? 'websiteUnavailable' : 'bug';
  return { code, description: `Injected ${status}`, message: null, request_id: null };
}

/** `CONNECTION_SYNCED`: the user, and the connection with its accounts and their transactions. */
function connectionSyncedPayload(store: SimStore, connection: SimConnection): unknown {
  const transactions = store.transactionsOf(connection.userId);
  return {
    user: { id: connection.userId },
    connection: {
      ...renderConnection(connection),
      accounts: store.accountsOfConnection(connection.id).map((account) => ({
        ...renderAccount(account),
        transactions: transactions
          .filter((tx) => tx.accountId === account.id)
          .map(renderTransaction),
      })),
    },
  };
}

function toWire(result: SimResult): WireResponse {
  if (result.status === 204 || result.status === 302) {
    return { status: result.status, headers: { ...result.headers }, body: '' };
  }
  return {
    status: result.status,
    headers: { 'content-type': 'application/json', ...result.headers },
    body: JSON.stringify(result.json ?? {}),
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('simulator stopped'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('simulator stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
