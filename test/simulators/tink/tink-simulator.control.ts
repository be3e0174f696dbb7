import type { SimAuth } from './sim-auth';
import type { SimClock } from './sim-clock';
import { emptyCounters, type TinkSimulatorCounters } from './sim-counters';
import type { CredentialRefreshEngine, RefreshEnding } from './sim-credential-refresh';
import type { FaultRegistry, FaultRule } from './sim-faults';
import type { ChaosSwitches, FaultLayer } from '../shared';
import type { BookPendingOptions, SimStore } from './sim-store';
import type { CredentialStatus, SimTransaction } from './sim-types';

export interface MutableSimSettings {
  latencyMs: number;
}

/** In-process control of a running simulator; `/__control/*` exposes the same operations. */
export class TinkSimulatorControl {
  constructor(
    private readonly parts: {
      readonly store: SimStore;
      readonly auth: SimAuth;
      readonly clock: SimClock;
      readonly refresh: CredentialRefreshEngine;
      readonly faults: FaultRegistry;
      readonly layer: FaultLayer;
      readonly counters: TinkSimulatorCounters;
      readonly settings: MutableSimSettings;
    },
  ) {}

  /** Returns the fault's id. Faults apply in the order they were added. */
  injectFault(rule: FaultRule): string {
    return this.parts.faults.add(rule);
  }

  removeFault(id: string): boolean {
    return this.parts.faults.remove(id);
  }

  clearFaults(): void {
    this.parts.faults.clear();
  }

  activeFaults(): ReturnType<FaultRegistry['list']> {
    return this.parts.faults.list();
  }

  /** A snapshot; later requests do not change it. */
  counters(): TinkSimulatorCounters {
    const counters = this.parts.counters;
    return {
      ...counters,
      byRoute: { ...counters.byRoute },
      byStatus: { ...counters.byStatus },
      peakRequestsPerSecond: this.parts.layer.budget.peakPerSecond,
      chaos: { ...this.parts.layer.counters },
    };
  }

  resetCounters(): void {
    Object.assign(this.parts.counters, emptyCounters());
    this.parts.layer.budget.resetPeak();
    this.parts.layer.resetCounters();
  }

  /** Replaces every chaos switch (see ChaosSwitches); `{}` turns them off. */
  setChaos(switches: ChaosSwitches): void {
    this.parts.layer.setChaos(switches);
  }

  chaos(): ChaosSwitches {
    return this.parts.layer.chaos;
  }

  /** The fault layer, for the control endpoint. */
  get layer(): FaultLayer {
    return this.parts.layer;
  }

  setLatency(ms: number): void {
    this.parts.settings.latencyMs = ms;
  }

  /** The app-wide budget (below the client's own budget to test how it adapts). */
  setRateLimit(
    requestsPerSecond: number | null,
    options: { retryAfterHeader?: boolean } = {},
  ): void {
    this.parts.layer.setRateLimit(requestsPerSecond, options);
  }

  /** Moves simulated time (token, code and consent expiry; refresh steps). */
  advanceClock(ms: number): void {
    this.parts.clock.advance(ms);
  }

  now(): number {
    return this.parts.clock.now();
  }

  setCredentialStatus(credentialId: string, status: CredentialStatus): void {
    const credential = this.requireCredential(credentialId);
    credential.status = status;
    credential.statusUpdated = Math.max(this.parts.clock.now(), credential.statusUpdated + 1);
  }

  /** The consent lapses now; the next unattended refresh moves the credential to SESSION_EXPIRED. */
  expireSession(credentialId: string): void {
    this.requireCredential(credentialId).sessionExpiryDate = this.parts.clock.now() - 1;
  }

  /** How later refreshes of this credential end (default UPDATED). */
  setRefreshEnding(credentialId: string, ending: RefreshEnding): void {
    this.requireCredential(credentialId);
    this.parts.refresh.setEnding(credentialId, ending);
  }

  /** Later refreshes get 204 and change nothing, like Tink's silent refresh rate limit. */
  setRefreshRateLimited(credentialId: string, limited: boolean): void {
    this.requireCredential(credentialId);
    this.parts.refresh.setRateLimited(credentialId, limited);
  }

  bookPending(transactionId: string, options: BookPendingOptions = {}): SimTransaction {
    return this.parts.store.bookPending(transactionId, options);
  }

  revokeUserTokens(userId: string): void {
    this.parts.auth.revokeUserTokens(userId);
  }

  /** Clears faults, chaos switches, counters and latency; keeps data, clock and rate limit. */
  reset(): void {
    this.clearFaults();
    this.setChaos({});
    this.resetCounters();
    this.setLatency(0);
  }

  private requireCredential(id: string): NonNullable<ReturnType<SimStore['credential']>> {
    const credential = this.parts.store.credential(id);
    if (!credential) throw new Error(`unknown credential ${id}`);
    return credential;
  }
}
