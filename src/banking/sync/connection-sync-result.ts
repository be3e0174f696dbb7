import type { ConnectionStatus } from '../connections/bank-connection.entity';
import type { RefreshResult } from './bank-sync-provider.port';
import type { IngestStats } from './transaction-ingest.service';
import type { DeferReason } from './sync-policy';
import type { SyncFailureKind } from './sync-failure';

/** A refresh's outcome as a sync reports it; `detail` says why, when the refresh failed. */
export interface RefreshRecord extends Pick<RefreshResult, 'outcome' | 'skipReason'> {
  readonly detail?: string;
}

export type ConnectionOutcome = 'synced' | 'failed' | 'skipped' | 'cancelled';

/**
 * Why a connection was not attempted: the policy deferred it, another sync holds it, or the
 * provider's budget for it is spent (`BankSyncProvider.readiness`).
 */
export type SkipReason = DeferReason | 'in_progress' | 'budget_spent';

export interface ConnectionSyncResult {
  readonly connectionId: number;
  readonly userId: number;
  readonly outcome: ConnectionOutcome;
  /** `failed`: the failure kind; `skipped`: the skip reason; otherwise `null`. */
  readonly reason: SyncFailureKind | SkipReason | null;
  /** In words, safe to show and log. */
  readonly detail: string | null;
  /** What happened to the refresh at the provider, when one was considered. */
  readonly refresh: RefreshRecord | null;
  readonly accounts: number;
  readonly transactions: IngestStats;
  /** The connection's status afterwards. */
  readonly status: ConnectionStatus;
  /** When the connection may be tried again, if it has to wait. */
  readonly retryAt: Date | null;
  readonly durationMs: number;
}
