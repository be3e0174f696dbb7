import {
  Injectable,
  LoggerService,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import type { AuthenticatedUser } from '../../../core/auth/roles';
import { Clock } from '../../../core/scheduling/clock';
import { SyncAuditService } from '../../audit/sync-audit.service';
import { BankConnectionsService } from '../../connections/bank-connections.service';
import { BankSyncService } from '../../sync/bank-sync.service';
import type { ConnectionSyncResult } from '../../sync/connection-sync-result';
import { ConnectionSyncService } from '../../sync/connection-sync.service';
import { bySyncPriority } from '../../sync/sync-policy';
import { SyncRunStats, completionLine, summarizeSyncRun } from '../../sync/sync-run-summary';
import { TinkBankSyncProvider } from './tink.provider';

export const TINK_JOB_LABEL = 'Tink sync job';

/** Connections a manual refresh syncs side by side (they usually belong to one bank user). */
const MANUAL_CONCURRENCY = 3;

export interface ConnectionOverview {
  /** Active (or failing but retried) Tink connections. */
  readonly total: number;
  /** Of those, the ones whose user has an active premium subscription. */
  readonly premium: number;
}

export interface ManualRefresh {
  readonly userId: number;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly results: ConnectionSyncResult[];
}

/**
 * Tink sync as the seed's tink_sync_service: one implementation for the scheduled job (all
 * premium users' connections) and for a person's "refresh my bank data" (with an audit trail).
 */
@Injectable()
export class TinkSyncService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly connections: BankConnectionsService,
    private readonly bankSync: BankSyncService,
    private readonly connectionSync: ConnectionSyncService,
    private readonly audit: SyncAuditService,
    private readonly tink: TinkBankSyncProvider,
  ) {}

  get unavailableReason(): string | null {
    return this.tink.unavailableReason;
  }

  async overview(): Promise<ConnectionOverview> {
    const now = this.clock.now();
    const connections = await this.connections.listForScheduledSync('tink');
    return {
      total: connections.length,
      premium: connections.filter((c) => c.user?.hasActivePremium(now)).length,
    };
  }

  /** Every active Tink connection of a premium user, stale ones first. */
  async syncAllConnections(options: {
    requestedByPerson: boolean;
    signal?: AbortSignal;
    logger: LoggerService;
  }): Promise<SyncRunStats> {
    const { logger } = options;
    const startedAt = this.clock.now();
    logger.log('Starting Tink sync job');
    const found = await this.connections.listForScheduledSync('tink');
    const eligible = found
      .filter((connection) => connection.user?.hasActivePremium(startedAt))
      .sort(bySyncPriority(startedAt, this.connectionSync.policyFor(this.tink)));
    logger.log(
      `Found ${found.length} active Tink connections (${eligible.length} with an active subscription)`,
    );
    const results = await this.bankSync.syncConnections(this.tink, eligible, {
      requestedByPerson: options.requestedByPerson,
      userPresent: false,
      signal: options.signal,
      concurrency: this.config.tink.syncConcurrency,
      onResult: (result) => logResult(logger, result),
    });
    const stats = summarizeSyncRun({
      provider: 'tink',
      found: found.length,
      eligible: eligible.length,
      results,
      durationMs: this.clock.now().getTime() - startedAt.getTime(),
    });
    logger.log(completionLine(TINK_JOB_LABEL, stats));
    return stats;
  }

  /** A person's refresh of one user's Tink connections; synchronous, and audited. */
  async refreshForUser(
    actor: AuthenticatedUser,
    userId: number,
    connectionId?: number,
  ): Promise<ManualRefresh> {
    if (this.tink.unavailableReason) {
      throw new ServiceUnavailableException(this.tink.unavailableReason);
    }
    const owned = await this.connections.listForUser(userId, 'tink');
    const selected =
      connectionId === undefined ? owned : owned.filter((c) => c.id === connectionId);
    if (connectionId !== undefined && selected.length === 0) {
      throw new NotFoundException(`Tink connection ${connectionId} of user ${userId} not found`);
    }
    const startedAt = this.clock.now();
    const results = await this.bankSync.syncConnections(this.tink, selected, {
      requestedByPerson: true,
      userPresent: true,
      concurrency: MANUAL_CONCURRENCY,
    });
    const finishedAt = this.clock.now();
    await this.audit.recordManualSync({
      actor,
      userId,
      provider: 'tink',
      startedAt,
      finishedAt,
      results,
    });
    return { userId, startedAt, finishedAt, results };
  }
}

function logResult(logger: LoggerService, result: ConnectionSyncResult): void {
  const subject = `connection ${result.connectionId} for user ${result.userId}`;
  switch (result.outcome) {
    case 'synced': {
      const t = result.transactions;
      logger.log(
        `Successfully synced ${subject}: ${result.accounts} accounts (${t.inserted} new, ${t.updated} updated, ${t.removed} removed transactions)`,
      );
      return;
    }
    case 'failed':
      logger.error(`Failed to sync ${subject}: ${result.detail ?? result.reason}`);
      return;
    case 'skipped':
      logger.debug?.(`Deferred ${subject}: ${result.reason}`);
      return;
    case 'cancelled':
      logger.warn(`Cancelled ${subject}: ${result.detail}`);
  }
}
