import type { ConnectionSyncResult } from './connection-sync-result';
import { EMPTY_INGEST_STATS, IngestStats, addIngestStats } from './transaction-ingest.service';

/** Per-connection entries kept in a run's details; failures are kept first. */
export const MAX_CONNECTION_ENTRIES = 500;

/** A sync run's statistics, as stored in the run's `details` (snake_case like the API). */
export interface SyncRunStats {
  provider: string;
  connections_found: number;
  eligible: number;
  skipped_no_subscription: number;
  attempted: number;
  successful: number;
  failed: number;
  needs_reauth: number;
  deferred: number;
  deferred_by_reason: Record<string, number>;
  cancelled: number;
  /** Synced connections whose refresh at the provider failed: their data may be older. */
  refresh_failed: number;
  accounts: number;
  transactions: IngestStats;
  duration_seconds: number;
  connections: ConnectionEntry[];
  connections_omitted: number;
}

export interface ConnectionEntry {
  connection_id: number;
  user_id: number;
  outcome: ConnectionSyncResult['outcome'];
  reason: string | null;
  detail: string | null;
  refresh: string | null;
  /** Why the refresh failed, when it did. */
  refresh_detail: string | null;
  accounts: number;
  transactions: IngestStats;
  duration_ms: number;
}

export interface RunTotals {
  readonly provider: string;
  /** Connections the run looked at. */
  readonly found: number;
  /** Of those, the ones whose owner may be synced (e.g. has a subscription). */
  readonly eligible: number;
  readonly results: readonly ConnectionSyncResult[];
  readonly durationMs: number;
}

export function summarizeSyncRun(totals: RunTotals): SyncRunStats {
  const { results } = totals;
  const count = (predicate: (result: ConnectionSyncResult) => boolean): number =>
    results.filter(predicate).length;
  const deferredByReason: Record<string, number> = {};
  for (const result of results) {
    if (result.outcome === 'skipped' && result.reason) {
      deferredByReason[result.reason] = (deferredByReason[result.reason] ?? 0) + 1;
    }
  }
  const failedFirst = [...results].sort(
    (a, b) => Number(b.outcome === 'failed') - Number(a.outcome === 'failed'),
  );
  const successful = count((r) => r.outcome === 'synced');
  const failed = count((r) => r.outcome === 'failed');
  return {
    provider: totals.provider,
    connections_found: totals.found,
    eligible: totals.eligible,
    skipped_no_subscription: totals.found - totals.eligible,
    attempted: successful + failed,
    successful,
    failed,
    needs_reauth: count((r) => r.outcome === 'failed' && r.reason === 'needs_reauth'),
    deferred: count((r) => r.outcome === 'skipped'),
    deferred_by_reason: deferredByReason,
    cancelled: count((r) => r.outcome === 'cancelled'),
    refresh_failed: count((r) => r.outcome === 'synced' && r.refresh?.outcome === 'refresh_failed'),
    accounts: results.reduce((sum, r) => sum + r.accounts, 0),
    transactions: results.reduce((sum, r) => addIngestStats(sum, r.transactions), {
      ...EMPTY_INGEST_STATS,
    }),
    duration_seconds: Math.round(totals.durationMs) / 1000,
    connections: failedFirst.slice(0, MAX_CONNECTION_ENTRIES).map(entryOf),
    connections_omitted: Math.max(0, results.length - MAX_CONNECTION_ENTRIES),
  };
}

/**
 * A sync job's one-line outcome, e.g.
 * `Acme sync job completed in 4.23s: 5/5 successful, 0 failed, 0 skipped (no subscription)`,
 * plus deferred, cancelled and refresh-failed counts when there are any. Operators grep for this layout (and the
 * run history shows it as the run's message), so it stays as it is.
 */
export function completionLine(label: string, stats: SyncRunStats): string {
  let line =
    `${label} completed in ${stats.duration_seconds.toFixed(2)}s: ` +
    `${stats.successful}/${stats.attempted} successful, ${stats.failed} failed, ` +
    `${stats.skipped_no_subscription} skipped (no subscription)`;
  if (stats.deferred > 0) {
    const reasons = Object.entries(stats.deferred_by_reason)
      .map(([reason, n]) => `${n} ${reason.replace(/_/g, ' ')}`)
      .join(', ');
    line += `, ${stats.deferred} deferred (${reasons})`;
  }
  if (stats.cancelled > 0) line += `, ${stats.cancelled} cancelled`;
  if (stats.refresh_failed > 0) {
    line += `, ${stats.refresh_failed} read without a fresh refresh (refresh failed)`;
  }
  return line;
}

function entryOf(result: ConnectionSyncResult): ConnectionEntry {
  return {
    connection_id: result.connectionId,
    user_id: result.userId,
    outcome: result.outcome,
    reason: result.reason,
    detail: result.detail,
    refresh: result.refresh ? (result.refresh.skipReason ?? result.refresh.outcome) : null,
    refresh_detail: result.refresh?.detail ?? null,
    accounts: result.accounts,
    transactions: result.transactions,
    duration_ms: result.durationMs,
  };
}
