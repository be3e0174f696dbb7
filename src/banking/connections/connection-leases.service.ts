import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/scheduling/clock';
import { schedulingConfig } from '../../core/scheduling/scheduling.config';
import { bankSyncConfig } from '../sync/bank-sync.config';
import {
  ConnectionOutcomeChanges,
  ConnectionSyncRecorder,
} from './connection-sync-recorder.service';

/** A lease is renewed this many times per lease period, so a few failed renewals do not lose it. */
const RENEWALS_PER_LEASE = 4;

/** A connection's sync lease, as the sync holding it sees it. */
export interface HeldLease {
  /** Aborts when the lease turns out lost: released for a lost run, or expired and taken over. */
  readonly lost: AbortSignal;
  /** Records the sync's outcome and gives the lease back; false when the lease was lost meanwhile. */
  finish(changes: ConnectionOutcomeChanges): Promise<boolean>;
}

export class SyncLeaseLostError extends Error {
  constructor(connectionId: number) {
    super(`connection ${connectionId}: its sync lease was lost, another sync may hold it now`);
    this.name = 'SyncLeaseLostError';
  }
}

interface Holder {
  owner: string;
  lost: AbortController;
}

/**
 * The sync leases this process holds. A lease is short (BANK_SYNC_LEASE_SECONDS) and renewed while
 * its sync works, all of them in one UPDATE per owner, so a lease outlives its holder's death by at
 * most one lease. A sync inside a task run is leased in the run's name (the owner is the run id),
 * so when the engine finds the run dead its leases are released at once (LostRunLeases).
 */
@Injectable()
export class ConnectionLeases implements OnModuleDestroy {
  private readonly logger = new Logger('BankSync');
  private readonly leaseMs: number;
  private readonly instanceId: string;
  private readonly held = new Map<number, Holder>();
  private timer?: NodeJS.Timeout;
  private renewing = false;

  constructor(
    config: AppConfig,
    private readonly recorder: ConnectionSyncRecorder,
    private readonly clock: Clock,
  ) {
    this.leaseMs = config.get(bankSyncConfig).leaseMs;
    this.instanceId = config.get(schedulingConfig).instanceId;
  }

  /**
   * Takes the connection's lease for the run `runId`, or, outside a run, for this sync alone; null
   * while another sync holds it.
   */
  async take(connectionId: number, now: Date, runId?: string): Promise<HeldLease | null> {
    const owner = runId ?? `${this.instanceId.slice(0, 52)}:${randomBytes(5).toString('hex')}`;
    if (!(await this.recorder.claim(connectionId, owner, now, this.leaseMs))) return null;
    const holder: Holder = { owner, lost: new AbortController() };
    this.held.set(connectionId, holder);
    this.keepRenewing();
    return {
      lost: holder.lost.signal,
      finish: (changes) => {
        this.held.delete(connectionId);
        return this.recorder.finish(connectionId, owner, changes);
      },
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private keepRenewing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.renewAll(), this.leaseMs / RENEWALS_PER_LEASE);
    this.timer.unref();
  }

  private async renewAll(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const until = new Date(this.clock.now().getTime() + this.leaseMs);
      for (const [owner, connectionIds] of this.connectionsByOwner()) {
        const lost = await this.recorder.renew(connectionIds, owner, until);
        for (const connectionId of lost) this.markLost(connectionId, owner);
      }
    } catch (error) {
      this.logger.error(`Renewing sync leases failed: ${(error as Error).message}`);
    } finally {
      this.renewing = false;
    }
  }

  private connectionsByOwner(): Map<string, number[]> {
    const byOwner = new Map<string, number[]>();
    for (const [connectionId, { owner }] of this.held) {
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), connectionId]);
    }
    return byOwner;
  }

  /** A sync that finished meanwhile gave its lease back itself: only a sync still working is stopped. */
  private markLost(connectionId: number, owner: string): void {
    const holder = this.held.get(connectionId);
    if (holder?.owner !== owner) return;
    this.held.delete(connectionId);
    this.logger.warn(`Connection ${connectionId}: sync lease lost, stopping its sync`);
    holder.lost.abort(new SyncLeaseLostError(connectionId));
  }
}
