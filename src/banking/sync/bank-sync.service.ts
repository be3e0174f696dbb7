import {
  Injectable,
  LoggerService,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { Clock } from '../../core/scheduling/clock';
import type { RunItemReporter } from '../../core/scheduling/run-items';
import { SyncAuditService } from '../audit/sync-audit.service';
import { BankConnectionsService } from '../connections/bank-connections.service';
import type { BankSyncProvider } from './bank-sync-provider.port';
import { BudgetSpentError } from './budget-spent.error';
import { ConnectionFanOutService } from './connection-fan-out.service';
import type { ConnectionSyncResult } from './connection-sync-result';
import { ConnectionSyncService } from './connection-sync.service';
import { bySyncPriority } from './sync-policy';
import { SyncRunStats, completionLine, summarizeSyncRun } from './sync-run-summary';

/** Connections a manual refresh syncs side by side (they usually belong to one bank user). */
const MANUAL_CONCURRENCY = 3;

export interface SyncAllOptions {
  /** A person started the run (run-now): freshness and the failure cool-off do not apply. */
  readonly requestedByPerson: boolean;
  readonly signal?: AbortSignal;
  /** Gets the progress lines and the summary line (the task run's logger). */
  readonly logger: LoggerService;
  /** The task run doing the sync: it holds the connections' leases. */
  readonly runId?: string;
  /** Gets each connection as an item of the run: total, the one in progress, outcomes. */
  readonly items?: RunItemReporter;
  /** A retry of a partial run: only these connections (ids), the ones that failed. */
  readonly onlyConnectionIds?: readonly number[] | null;
}

export interface SyncRunReport {
  readonly stats: SyncRunStats;
  /** `<Label> sync job completed in 4.23s: 5/5 successful, 0 failed, 0 skipped (no subscription)` */
  readonly summary: string;
}

export interface ConnectionOverview {
  /** Connections a scheduled run considers (active, or failing but retried). */
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
 * A provider's sync as a whole, the same for every provider: the scheduled run over all premium
 * users' connections, and a person's "refresh my bank data" (with an audit trail).
 */
@Injectable()
export class BankSyncService {
  constructor(
    private readonly clock: Clock,
    private readonly connections: BankConnectionsService,
    private readonly fanOut: ConnectionFanOutService,
    private readonly connectionSync: ConnectionSyncService,
    private readonly audit: SyncAuditService,
  ) {}

  async overview(provider: BankSyncProvider): Promise<ConnectionOverview> {
    const now = this.clock.now();
    const connections = await this.connections.listForScheduledSync(provider.name);
    return {
      total: connections.length,
      premium: connections.filter((c) => c.user?.hasActivePremium(now)).length,
    };
  }

  /**
   * Every active connection of a premium user at the provider, stalest first, with the provider's
   * concurrency. One connection's failure never stops the others; each one's outcome is logged.
   */
  async syncAll(provider: BankSyncProvider, options: SyncAllOptions): Promise<SyncRunReport> {
    const { logger } = options;
    const jobLabel = `${provider.label} sync job`;
    const startedAt = this.clock.now();
    logger.log(`Starting ${jobLabel}`);
    const listed = await this.connections.listForScheduledSync(provider.name);
    const only = options.onlyConnectionIds ? new Set(options.onlyConnectionIds) : null;
    const found = only ? listed.filter((connection) => only.has(connection.id)) : listed;
    if (only) logger.log(`Retrying only the ${only.size} connection(s) that failed before`);
    const eligible = found
      .filter((connection) => connection.user?.hasActivePremium(startedAt))
      .sort(bySyncPriority(startedAt, this.connectionSync.policyFor(provider)));
    logger.log(
      `Found ${found.length} active ${provider.label} connections (${eligible.length} with an active subscription)`,
    );
    const { items } = options;
    items?.setTotal(eligible.length);
    const results = await this.fanOut.syncConnections(provider, eligible, {
      requestedByPerson: options.requestedByPerson,
      userPresent: false,
      signal: options.signal,
      runId: options.runId,
      concurrency: provider.syncConcurrency,
      onStart: (connection) => items?.working(`connection ${connection.id}`),
      onResult: (result) => {
        logResult(logger, result);
        reportItem(items, result);
      },
    });
    const stats = summarizeSyncRun({
      provider: provider.name,
      found: found.length,
      eligible: eligible.length,
      results,
      durationMs: this.clock.now().getTime() - startedAt.getTime(),
    });
    const summary = completionLine(jobLabel, stats);
    logger.log(summary);
    return { stats, summary };
  }

  /**
   * One connection, unattended (a per-connection scheduled task): `null` when the connection is
   * gone or belongs to another provider. Its user must have an active premium subscription.
   */
  async syncConnection(
    provider: BankSyncProvider,
    connectionId: number,
    options: Omit<SyncAllOptions, 'logger'>,
  ): Promise<ConnectionSyncResult | 'no_connection' | 'no_subscription'> {
    const connection = await this.connections.findWithUser(connectionId);
    if (!connection || connection.provider !== provider.name) return 'no_connection';
    if (!connection.user?.hasActivePremium(this.clock.now())) return 'no_subscription';
    const [result] = await this.fanOut.syncConnections(provider, [connection], {
      requestedByPerson: options.requestedByPerson,
      userPresent: false,
      signal: options.signal,
      runId: options.runId,
      concurrency: 1,
    });
    return result;
  }

  /**
   * A person's refresh of one user's connections at the provider (or of one of them); answers when
   * done, and writes a `sync_audit` row per connection. 503 while the provider is unavailable; 409
   * (`BudgetSpentError`, with `retry_at`) when the provider's budget left none of them readable.
   */
  async refreshForUser(
    provider: BankSyncProvider,
    actor: AuthenticatedUser,
    userId: number,
    connectionId?: number,
  ): Promise<ManualRefresh> {
    if (provider.unavailableReason) {
      throw new ServiceUnavailableException(provider.unavailableReason);
    }
    const owned = await this.connections.listForUser(userId, provider.name);
    const selected =
      connectionId === undefined ? owned : owned.filter((c) => c.id === connectionId);
    if (connectionId !== undefined && selected.length === 0) {
      throw new NotFoundException(
        `${provider.label} connection ${connectionId} of user ${userId} not found`,
      );
    }
    const startedAt = this.clock.now();
    const results = await this.fanOut.syncConnections(provider, selected, {
      requestedByPerson: true,
      userPresent: true,
      concurrency: MANUAL_CONCURRENCY,
    });
    const finishedAt = this.clock.now();
    await this.audit.recordManualSync({
      actor,
      userId,
      provider: provider.name,
      startedAt,
      finishedAt,
      results,
    });
    const spent = results.filter((r) => r.outcome === 'skipped' && r.reason === 'budget_spent');
    if (results.length > 0 && spent.length === results.length) {
      const retryAts = spent.flatMap((r) => (r.retryAt ? [r.retryAt.getTime()] : []));
      throw new BudgetSpentError(
        provider.label,
        retryAts.length > 0 ? new Date(Math.min(...retryAts)) : null,
      );
    }
    return { userId, startedAt, finishedAt, results };
  }
}

/**
 * A connection as an item of the run: synced → succeeded; failed → failed (retried by the run's
 * next attempt, unless the user has to renew the consent); deferred or cancelled → skipped.
 */
function reportItem(items: RunItemReporter | undefined, result: ConnectionSyncResult): void {
  if (!items) return;
  if (result.outcome === 'synced') items.finished(result.connectionId, 'succeeded');
  else if (result.outcome === 'failed')
    items.finished(result.connectionId, 'failed', { retryable: result.reason !== 'needs_reauth' });
  else items.finished(result.connectionId, 'skipped');
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
