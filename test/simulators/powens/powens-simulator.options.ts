import type { ChaosSwitches, RateLimitOptions } from '../shared';
import type { SimClientApp } from './sim-auth';
import type { SyncSettings } from './sim-sync';
import type { WebhookTarget } from './sim-webhooks';
import type { WebviewSettings } from './sim-state';

/** Powens client ids are numeric (`/webauth` documents `client_id` as an integer id). */
export const DEFAULT_SIM_CLIENT: SimClientApp = {
  clientId: '81234567',
  clientSecret: 'sim-powens-secret',
};

export interface PowensSimulatorOptions {
  /** Default: one app, `DEFAULT_SIM_CLIENT`. */
  readonly clients?: readonly SimClientApp[];
  /** Base time source; the control object moves the simulated clock forward from it. */
  readonly now?: () => number;
  /** Added to every API response. */
  readonly latencyMs?: number;
  /** Defaults: a sync lands after 50 real ms; no minimum gap between syncs. */
  readonly sync?: Partial<SyncSettings>;
  /** Defaults: the webview connects, 2 accounts of 30 transactions each. */
  readonly webview?: Partial<WebviewSettings>;
  /** Where `CONNECTION_SYNCED` goes (permanent users only); none by default. */
  readonly webhook?: WebhookTarget | null;
  /** App-wide budget; absent = unlimited (Powens publishes none). */
  readonly rateLimit?: RateLimitOptions | null;
  /** The shared fault layer's switches (5xx on POSTs, resets, cut-off and slow bodies). */
  readonly chaos?: ChaosSwitches;
  /** Seed of the chaos dice (default 1). */
  readonly chaosSeed?: number;
  /** Seed of tokens and generated data (default 13). */
  readonly dataSeed?: number;
}
