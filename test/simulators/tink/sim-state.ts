import type { IssuedToken, SimAuth } from './sim-auth';
import type { SimClock } from './sim-clock';
import type { TinkSimulatorCounters } from './sim-counters';
import type { CredentialRefreshEngine } from './sim-credential-refresh';
import type { SimRequest, SimResult } from './sim-http';
import type { SimRoute } from './sim-routes.types';
import type { SimStore } from './sim-store';

/** Everything a route handler may touch. */
export interface SimState {
  readonly store: SimStore;
  readonly auth: SimAuth;
  readonly clock: SimClock;
  readonly refresh: CredentialRefreshEngine;
  readonly counters: TinkSimulatorCounters;
  /** Add fields Tink does not document (clients must ignore unknown fields). */
  readonly unknownFields: boolean;
}

export interface RouteContext {
  readonly request: SimRequest;
  /** Capture groups of the route's path pattern. */
  readonly params: readonly string[];
  /** Present on routes that require a token. */
  readonly token?: IssuedToken;
  readonly state: SimState;
}

export interface RouteDefinition {
  readonly name: SimRoute;
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  /** Token kind and scope required; `null` for the token endpoint. */
  readonly auth: { readonly kind: 'client' | 'user'; readonly scope: string } | null;
  /** Index in `params` of the credential id the route is about (per-credential faults). */
  readonly credentialParam?: number;
  handle(context: RouteContext): SimResult;
}
