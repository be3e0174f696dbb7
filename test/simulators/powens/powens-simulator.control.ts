import type { ChaosCounters, ChaosSwitches, FaultLayer } from '../shared';
import type { SimAuth } from './sim-auth';
import type { SimClock } from './sim-clock';
import { emptyCounters, type SimCounters } from './sim-counters';
import type { FaultQueue, FaultRule } from './sim-faults';
import type { SimStore } from './sim-store';
import type { WebviewSettings } from './sim-state';
import { bankMessage } from './sim-bank-messages';
import {
  type SyncEngine,
  type SyncOutcome,
  type SyncRequestRecord,
  type SyncSettings,
} from './sim-sync';
import type { ConnectionState } from './sim-types';
import type { WebhookDelivery, WebhookSender, WebhookTarget } from './sim-webhooks';

export interface MutableSimSettings {
  latencyMs: number;
}

interface ControlDependencies {
  readonly store: SimStore;
  readonly auth: SimAuth;
  readonly clock: SimClock;
  readonly sync: SyncEngine;
  readonly webhooks: WebhookSender;
  readonly webview: WebviewSettings;
  readonly faults: FaultQueue;
  readonly layer: FaultLayer;
  readonly counters: SimCounters;
  readonly settings: MutableSimSettings;
  /** What `reset` puts back. */
  readonly initialSync: SyncSettings;
}

/** What tests steer: clock, latency, connection states, sync outcomes and pace, webhooks, faults. */
export class PowensSimulatorControl {
  constructor(private readonly deps: ControlDependencies) {}

  get layer(): FaultLayer {
    return this.deps.layer;
  }

  now(): number {
    return this.deps.clock.now();
  }

  advanceClock(ms: number): void {
    this.deps.clock.advance(ms);
  }

  setLatency(ms: number): void {
    this.deps.settings.latencyMs = ms;
  }

  /** Puts a connection in a state now, with the bank's message for it unless one is given. */
  setConnectionState(connectionId: number, state: ConnectionState, errorMessage?: string): void {
    const connection = this.deps.store.connection(connectionId);
    if (!connection) throw new Error(`unknown connection ${connectionId}`);
    connection.state = state;
    connection.errorMessage = errorMessage ?? bankMessage(state);
  }

  /** Consent ran out: `expire` reached and the state is `SCARequired`. */
  expireConnection(connectionId: number): void {
    this.setConnectionState(connectionId, 'SCARequired');
    const connection = this.deps.store.connection(connectionId);
    if (connection) connection.expire = this.deps.clock.now();
  }

  /** How the connection's next sync ends (queued: one per sync, in order). */
  queueSyncOutcome(connectionId: number, outcome: SyncOutcome): void {
    this.deps.sync.queueOutcome(connectionId, outcome);
  }

  configureSync(settings: Partial<SyncSettings>): void {
    Object.assign(this.deps.sync.settings, settings);
  }

  /** Every sync request, with its `psu_requested` and what it was answered. */
  syncRequests(): readonly SyncRequestRecord[] {
    return [...this.deps.sync.requests];
  }

  /** Resolves once no sync is running. */
  awaitSyncs(): Promise<void> {
    return this.deps.sync.idle();
  }

  setWebhook(target: WebhookTarget | null): void {
    this.deps.webhooks.target = target;
  }

  webhookDeliveries(): readonly WebhookDelivery[] {
    return [...this.deps.webhooks.deliveries];
  }

  /** Resolves once every webhook sent so far was answered (or failed). */
  awaitWebhooks(): Promise<void> {
    return this.deps.webhooks.settled();
  }

  setWebview(settings: Partial<WebviewSettings>): void {
    Object.assign(this.deps.webview, settings);
  }

  injectFault(rule: FaultRule): void {
    this.deps.faults.inject(rule);
  }

  setChaos(switches: ChaosSwitches): void {
    this.deps.layer.setChaos(switches);
  }

  setRateLimit(requestsPerSecond: number | null): void {
    this.deps.layer.setRateLimit(requestsPerSecond);
  }

  counters(): SimCounters & { readonly chaos: ChaosCounters } {
    return { ...structuredClone(this.deps.counters), chaos: { ...this.deps.layer.counters } };
  }

  /** Back to an empty simulator (the clock keeps its offset; the webhook target stays). */
  reset(): void {
    const { store, auth, sync, webhooks, faults, layer, counters, settings, webview } = this.deps;
    Object.assign(sync.settings, this.deps.initialSync);
    store.reset();
    auth.reset();
    sync.stopAll();
    webhooks.reset();
    faults.clear();
    layer.setChaos({});
    layer.setRateLimit(null);
    layer.resetCounters();
    Object.assign(counters, emptyCounters());
    settings.latencyMs = 0;
    webview.outcome = 'connect';
  }
}
