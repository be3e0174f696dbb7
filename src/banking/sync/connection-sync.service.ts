import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { bankSyncConfig, BankSyncSettings } from './bank-sync.config';
import { Clock } from '../../core/scheduling/clock';
import { BankAccountsService } from '../accounts/bank-accounts.service';
import type { BankConnectionEntity } from '../connections/bank-connection.entity';
import { ConnectionLeases } from '../connections/connection-leases.service';
import { ConnectionSecrets } from '../connections/connection-secrets';
import type { ConnectionOutcomeChanges } from '../connections/connection-sync-recorder.service';
import type {
  BankSyncProvider,
  ProviderConnection,
  ProviderDataState,
  ProviderTokens,
  RefreshSkipReason,
  RejectedTransaction,
  TransactionPage,
} from './bank-sync-provider.port';
import type { ProviderTransaction } from './bank-sync.types';
import type { ConnectionSyncResult, RefreshRecord, SkipReason } from './connection-sync-result';
import { isoDateOf } from './iso-dates';
import { RefreshBudget } from './refresh-budget.service';
import { SyncFailure, safeMessage, toSyncFailure } from './sync-failure';
import { SyncPolicy, coolOffUntil, decideSync, statusAfterFailure } from './sync-policy';
import { transactionWindowStart } from './sync-window';
import {
  EMPTY_INGEST_STATS,
  IngestStats,
  TransactionIngestService,
  addIngestStats,
} from './transaction-ingest.service';

export interface SyncRequest {
  /** A person asked (manual refresh, run-now): freshness and the failure cool-off do not apply. */
  readonly requestedByPerson: boolean;
  /** The user is waiting for the result: the provider's refresh is an attended one. */
  readonly userPresent: boolean;
  readonly signal?: AbortSignal;
  /** How to wait on the provider (between refresh polls); the fan-out frees the slot meanwhile. */
  readonly idle?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The task run this sync is part of: the connection is leased in its name. */
  readonly runId?: string;
}

/** What a sync has done so far; a failed result still reports it. */
interface Progress {
  refresh: RefreshRecord | null;
  consentExpiresAt: Date | null;
  accounts: number;
  transactions: IngestStats;
}

/**
 * Syncs one connection through any provider: policy check, lease, refresh (within budget),
 * accounts, transactions per account, tokens, and the outcome on the connection row.
 * Expected failures become results; nothing here throws for a single connection's trouble.
 */
@Injectable()
export class ConnectionSyncService {
  private readonly logger = new Logger('BankSync');
  private readonly settings: BankSyncSettings;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly leases: ConnectionLeases,
    private readonly secrets: ConnectionSecrets,
    private readonly accounts: BankAccountsService,
    private readonly ingest: TransactionIngestService,
    private readonly budget: RefreshBudget,
  ) {
    this.settings = config.get(bankSyncConfig);
  }

  policyFor(provider: BankSyncProvider): SyncPolicy {
    return {
      freshForMs: provider.limits.freshForMs,
      minGapMs: this.settings.minGapMs,
      staleAfterMs: this.settings.staleAfterMs,
      backoffBaseMs: this.settings.backoffBaseMs,
      backoffMaxMs: this.settings.backoffMaxMs,
    };
  }

  async sync(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    request: SyncRequest,
  ): Promise<ConnectionSyncResult> {
    const startedAt = this.clock.now();
    const policy = this.policyFor(provider);
    const decision = decideSync(connection, startedAt, policy, request.requestedByPerson);
    if (!decision.sync) {
      return this.skipped(connection, decision.reason, decision.retryAt, startedAt);
    }
    const readiness = await provider.readiness?.(this.providerRef(connection, false), {
      userPresent: request.userPresent,
    });
    if (readiness && !readiness.ready) {
      return this.skipped(
        connection,
        'budget_spent',
        readiness.retryAt,
        startedAt,
        readiness.detail,
      );
    }
    const lease = await this.leases.take(connection.id, startedAt, request.runId);
    if (!lease) return this.skipped(connection, 'in_progress', null, startedAt);
    // A lost lease stops the sync: another one may hold the connection now.
    const signal = request.signal ? AbortSignal.any([request.signal, lease.lost]) : lease.lost;
    request = { ...request, signal };

    const progress: Progress = {
      refresh: null,
      consentExpiresAt: connection.consentExpiresAt,
      accounts: 0,
      transactions: EMPTY_INGEST_STATS,
    };
    let changes: ConnectionOutcomeChanges;
    let result: ConnectionSyncResult;
    try {
      const tokens = await this.fetchAndIngest(connection, provider, request, startedAt, progress);
      changes = {
        status: 'active',
        lastSuccessAt: this.clock.now(),
        lastError: null,
        consecutiveFailures: 0,
        nextAttemptAt: null,
        consentExpiresAt: progress.consentExpiresAt,
        ...tokens,
      };
      result = this.result(connection, 'synced', null, null, changes, progress, startedAt);
    } catch (error) {
      const failure = toSyncFailure(error, signal);
      changes = this.failureChanges(connection, failure, policy, progress);
      const outcome = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
      result = this.result(
        connection,
        outcome,
        failure.kind,
        failure.message,
        changes,
        progress,
        startedAt,
      );
    }
    if (!(await lease.finish(changes))) {
      this.logger.warn(
        `Connection ${connection.id}: its sync lease was lost before the sync ended; outcome not recorded`,
      );
    }
    return result;
  }

  /** Refresh, accounts, transactions; returns the sealed tokens to store if they were renewed. */
  private async fetchAndIngest(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    request: SyncRequest,
    startedAt: Date,
    progress: Progress,
  ): Promise<ConnectionOutcomeChanges> {
    if (connection.provider !== provider.name) {
      throw new SyncFailure(
        'error',
        `connection ${connection.id} belongs to provider "${connection.provider}", not "${provider.name}"`,
      );
    }
    const unavailable = provider.unavailableReason;
    if (unavailable) throw new SyncFailure('error', unavailable);
    const ref = this.providerRef(connection);
    await this.refreshAtProvider(connection, provider, ref, request, progress);
    await this.importAccounts(connection, provider, ref, request, startedAt, progress);
    const tokens = await provider.renewTokens(ref, { signal: request.signal });
    return this.tokenChanges(ref.tokens, tokens);
  }

  /** The connection as adapters see it; `withTokens` false leaves the sealed tokens shut. */
  private providerRef(connection: BankConnectionEntity, withTokens = true): ProviderConnection {
    return {
      id: connection.id,
      providerUserId: connection.providerUserId,
      externalId: connection.externalId,
      tokens: withTokens ? this.secrets.open(connection.sealedSecrets) : null,
      consentExpiresAt: connection.consentExpiresAt,
    };
  }

  /**
   * Only a needs-reauth outcome ends the sync. Otherwise it reads what the provider has: after a
   * failed refresh too, which is recorded and asked for again by the next run.
   */
  private async refreshAtProvider(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    ref: ProviderConnection,
    request: SyncRequest,
    progress: Progress,
  ): Promise<void> {
    const refresh = await provider.refresh(ref, {
      userPresent: request.userPresent,
      signal: request.signal,
      wait: request.idle,
      beforeRefresh: (state) => this.beforeRefresh(connection, provider, request, state),
    });
    progress.refresh = { outcome: refresh.outcome, skipReason: refresh.skipReason };
    progress.consentExpiresAt = refresh.consentExpiresAt ?? progress.consentExpiresAt;
    if (refresh.outcome === 'needs_reauth') throw new SyncFailure('needs_reauth', refresh.detail);
    if (refresh.outcome === 'refresh_failed') {
      const detail = safeMessage(refresh.detail);
      progress.refresh = { outcome: 'refresh_failed', detail };
      this.logger.warn(
        `Connection ${connection.id}: the refresh at ${provider.label} failed, reading the data it has: ${detail}`,
      );
    }
  }

  /** Accounts first, then each account's transaction window, one ingest transaction per account. */
  private async importAccounts(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    ref: ProviderConnection,
    request: SyncRequest,
    startedAt: Date,
    progress: Progress,
  ): Promise<void> {
    const { signal } = request;
    const { accounts } = await this.accounts.upsertFromProvider(
      connection.id,
      await provider.listAccounts(ref, { signal }),
    );
    progress.accounts = accounts.length;
    const accountIds = accounts.map((account) => account.id);
    const earliestPending = await this.ingest.earliestPendingDates(accountIds);
    const today = isoDateOf(startedAt);
    for (const account of accounts) {
      const since = transactionWindowStart({
        today,
        transactionsSyncedAt: account.transactionsSyncedAt,
        earliestPendingDate: earliestPending.get(account.id) ?? null,
        historyDays: this.settings.historyDays,
        overlapDays: this.settings.overlapDays,
      });
      const fetched = await collect(
        provider.transactionPages(ref, { accountExternalId: account.externalId, since, signal }),
      );
      const stats = await this.ingest.ingestAccount({ accountId: account.id, since, ...fetched });
      if (stats.rejected > 0) {
        this.logger.warn(
          `Connection ${connection.id}, account ${account.id}: ${stats.rejected} transaction(s) could not be stored (first: ${fetched.rejected[0]?.reason ?? 'invalid row'})`,
        );
      }
      progress.transactions = addIngestStats(progress.transactions, stats);
    }
    await this.accounts.markTransactionsSynced(accountIds, startedAt);
  }

  /** Where refresh budgets are spent: only when the provider would really be asked. */
  private async beforeRefresh(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    request: SyncRequest,
    state: ProviderDataState,
  ): Promise<RefreshSkipReason | undefined> {
    const refreshedAgoMs = state.dataRefreshedAt
      ? this.clock.now().getTime() - state.dataRefreshedAt.getTime()
      : Infinity;
    if (!request.userPresent && refreshedAgoMs < provider.limits.unattendedRefreshAfterMs) {
      return 'recently_refreshed';
    }
    const perDay = provider.limits.refreshesPerUserPerDay;
    const budgetKey = connection.providerUserId ?? `connection-${connection.id}`;
    if (perDay !== null && !(await this.budget.take(provider.name, budgetKey, perDay))) {
      return 'budget_exhausted';
    }
    return undefined;
  }

  private tokenChanges(
    stored: ProviderTokens | null,
    renewed: ProviderTokens | null,
  ): ConnectionOutcomeChanges {
    if (!renewed || renewed.accessToken === stored?.accessToken) return {};
    return this.secrets.seal(renewed);
  }

  private failureChanges(
    connection: BankConnectionEntity,
    failure: SyncFailure,
    policy: SyncPolicy,
    progress: Progress,
  ): ConnectionOutcomeChanges {
    if (failure.kind === 'cancelled') return {};
    const failures = connection.consecutiveFailures + 1;
    const base = {
      lastError: failure.message,
      consecutiveFailures: failures,
      consentExpiresAt: progress.consentExpiresAt,
    };
    if (failure.kind === 'needs_reauth') {
      return { ...base, status: 'needs_reauth', nextAttemptAt: null };
    }
    const now = this.clock.now();
    const notBefore =
      failure.retryAfterMs === null ? null : new Date(now.getTime() + failure.retryAfterMs);
    return {
      ...base,
      status: statusAfterFailure(failures),
      nextAttemptAt: coolOffUntil(failures, now, policy, notBefore),
    };
  }

  private skipped(
    connection: BankConnectionEntity,
    reason: SkipReason,
    retryAt: Date | null,
    startedAt: Date,
    detail: string = SKIP_DETAILS[reason],
  ): ConnectionSyncResult {
    return {
      connectionId: connection.id,
      userId: connection.userId,
      outcome: 'skipped',
      reason,
      detail,
      refresh: null,
      accounts: 0,
      transactions: EMPTY_INGEST_STATS,
      status: connection.status,
      retryAt,
      durationMs: this.clock.now().getTime() - startedAt.getTime(),
    };
  }

  private result(
    connection: BankConnectionEntity,
    outcome: ConnectionSyncResult['outcome'],
    reason: ConnectionSyncResult['reason'],
    detail: string | null,
    changes: ConnectionOutcomeChanges,
    progress: Progress,
    startedAt: Date,
  ): ConnectionSyncResult {
    return {
      connectionId: connection.id,
      userId: connection.userId,
      outcome,
      reason,
      detail,
      refresh: progress.refresh,
      accounts: progress.accounts,
      transactions: progress.transactions,
      status: changes.status ?? connection.status,
      retryAt: changes.nextAttemptAt ?? null,
      durationMs: this.clock.now().getTime() - startedAt.getTime(),
    };
  }
}

const SKIP_DETAILS: Record<SkipReason, string> = {
  fresh: 'synced recently; scheduled runs leave it until its freshness window ends',
  min_gap: 'synced moments ago; a connection is never synced twice within the minimum gap',
  cooling_off: 'failed recently; waiting out its cool-off before the next automatic attempt',
  needs_reauth: 'the bank consent has ended; the user must reconnect',
  disconnected: 'the connection was removed',
  in_progress: 'another sync of this connection is running',
  budget_spent: "the provider's call budget for this connection is spent until it resets",
};

async function collect(
  pages: AsyncIterable<TransactionPage>,
): Promise<{ transactions: ProviderTransaction[]; rejected: RejectedTransaction[] }> {
  const transactions: ProviderTransaction[] = [];
  const rejected: RejectedTransaction[] = [];
  for await (const page of pages) {
    transactions.push(...page.transactions);
    rejected.push(...page.rejected);
  }
  return { transactions, rejected };
}
