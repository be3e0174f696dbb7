import type { SimAuth, SimToken } from './sim-auth';
import type { SimClock } from './sim-clock';
import type { SimRequest, SimResult } from './sim-http';
import type { SimStore } from './sim-store';
import type { SyncEngine } from './sim-sync';
import type { SimConnection } from './sim-types';

/** What the Test connector holds when the webview creates a connection. */
export interface WebviewSettings {
  /** `access_denied`: the user cancels; the redirect carries the error instead of a connection. */
  outcome: 'connect' | 'access_denied';
  accountsPerConnection: number;
  transactionsPerAccount: number;
}

export interface SimState {
  readonly store: SimStore;
  readonly auth: SimAuth;
  readonly clock: SimClock;
  readonly sync: SyncEngine;
  readonly webview: WebviewSettings;
  /** A connection just synced: webhook to permanent users. */
  announceSynced(connection: SimConnection): void;
}

export interface RouteContext {
  readonly request: SimRequest;
  readonly params: Readonly<Record<string, string>>;
  /** Present on routes that need a user token. */
  readonly token: SimToken;
  readonly state: SimState;
}

export interface RouteDefinition {
  readonly name: string;
  readonly method: string;
  /** Matched against the path; named groups become `params`. */
  readonly pattern: RegExp;
  readonly auth: boolean;
  handle(context: RouteContext): SimResult | Promise<SimResult>;
}
