import { bankMessage } from './sim-bank-messages';
import type { SimClock } from './sim-clock';
import { expireIfDue } from './sim-expiry';
import type { SimStore } from './sim-store';
import type { ConnectionState, SimConnection } from './sim-types';

export interface SyncSettings {
  /** Real milliseconds a sync takes before its outcome lands. */
  delayMs: number;
  /** A sync requested within this many simulated ms of the previous start → `tooManySync`; 0 = off. */
  minGapMs: number;
}

export interface SyncOutcome {
  readonly state: ConnectionState;
  /** Bank text for the user; default a bank-style message for the state. */
  readonly errorMessage?: string | null;
}

export type SyncAnswer = 'started' | 'connectionLocked' | 'tooManySync';

export interface SyncRequestRecord {
  readonly connectionId: number;
  readonly psuRequested: boolean;
  /** Simulated epoch ms. */
  readonly at: number;
  readonly answer: SyncAnswer;
}

/** States a sync cannot clear by itself: only the user can (webview, bank app, bank website). */
const PERSISTING = new Set<ConnectionState>([
  'SCARequired',
  'webauthRequired',
  'additionalInformationNeeded',
  'decoupled',
  'actionNeeded',
  'passwordExpired',
  'wrongpass',
]);

/**
 * Asynchronous syncs: a request starts one that lands `delayMs` later with the next queued outcome
 * (by default success, or the same state when only the user can clear it). Until then
 * `last_update` stays where it was.
 */
export class SyncEngine {
  readonly requests: SyncRequestRecord[] = [];
  private readonly running = new Map<number, NodeJS.Timeout>();
  private readonly lastStart = new Map<number, number>();
  private readonly outcomes = new Map<number, SyncOutcome[]>();

  constructor(
    private readonly store: SimStore,
    private readonly clock: SimClock,
    readonly settings: SyncSettings,
    private readonly onSynced: (connection: SimConnection) => void,
  ) {}

  request(connection: SimConnection, psuRequested: boolean): SyncAnswer {
    const answer = this.admit(connection.id);
    this.requests.push({ connectionId: connection.id, psuRequested, at: this.clock.now(), answer });
    if (answer !== 'started') return answer;
    this.lastStart.set(connection.id, this.clock.now());
    const timer = setTimeout(() => this.finish(connection.id), this.settings.delayMs);
    timer.unref();
    this.running.set(connection.id, timer);
    return answer;
  }

  isRunning(connectionId: number): boolean {
    return this.running.has(connectionId);
  }

  /** Outcomes are used in order, one per sync. */
  queueOutcome(connectionId: number, outcome: SyncOutcome): void {
    const queue = this.outcomes.get(connectionId) ?? [];
    queue.push(outcome);
    this.outcomes.set(connectionId, queue);
  }

  /** Resolves when no sync is running (polling, so it sees syncs started meanwhile). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  stopAll(): void {
    for (const timer of this.running.values()) clearTimeout(timer);
    this.running.clear();
    this.lastStart.clear();
    this.outcomes.clear();
    this.requests.length = 0;
  }

  private admit(connectionId: number): SyncAnswer {
    if (this.running.has(connectionId)) return 'connectionLocked';
    const last = this.lastStart.get(connectionId);
    if (
      this.settings.minGapMs > 0 &&
      last !== undefined &&
      this.clock.now() - last < this.settings.minGapMs
    ) {
      return 'tooManySync';
    }
    return 'started';
  }

  private finish(connectionId: number): void {
    this.running.delete(connectionId);
    const connection = this.store.connection(connectionId);
    if (!connection) return;
    const outcome = this.outcomes.get(connectionId)?.shift() ?? {
      state: PERSISTING.has(connection.state) ? connection.state : null,
    };
    const now = this.clock.now();
    connection.state = outcome.state;
    connection.errorMessage =
      outcome.errorMessage === undefined ? bankMessage(outcome.state) : outcome.errorMessage;
    connection.nextTry = now + 86_400_000;
    expireIfDue(connection, now);
    if (connection.state !== null) return;
    connection.lastUpdate = now;
    for (const account of this.store.accountsOfConnection(connectionId)) account.lastUpdate = now;
    this.onSynced(connection);
  }
}
