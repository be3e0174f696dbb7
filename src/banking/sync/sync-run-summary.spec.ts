import type { ConnectionSyncResult } from './connection-sync-result';
import { MAX_CONNECTION_ENTRIES, completionLine, summarizeSyncRun } from './sync-run-summary';

function result(
  connectionId: number,
  outcome: ConnectionSyncResult['outcome'],
  reason: ConnectionSyncResult['reason'] = null,
): ConnectionSyncResult {
  return {
    connectionId,
    userId: connectionId * 10,
    outcome,
    reason,
    detail: reason,
    refresh: outcome === 'synced' ? { outcome: 'refreshed' } : null,
    accounts: outcome === 'synced' ? 2 : 0,
    transactions: {
      inserted: outcome === 'synced' ? 5 : 0,
      updated: 1,
      removed: 0,
      unchanged: 3,
      rejected: 0,
    },
    status: 'active',
    retryAt: null,
    durationMs: 40,
  };
}

describe('summarizeSyncRun', () => {
  it('counts outcomes and totals, failures listed first', () => {
    const stats = summarizeSyncRun({
      provider: 'acme',
      found: 6,
      eligible: 5,
      results: [
        result(1, 'synced'),
        result(2, 'failed', 'temporary'),
        result(3, 'failed', 'needs_reauth'),
        result(4, 'skipped', 'fresh'),
        result(5, 'synced'),
      ],
      durationMs: 4231,
    });
    expect(stats).toMatchObject({
      connections_found: 6,
      eligible: 5,
      skipped_no_subscription: 1,
      attempted: 4,
      successful: 2,
      failed: 2,
      needs_reauth: 1,
      deferred: 1,
      deferred_by_reason: { fresh: 1 },
      cancelled: 0,
      accounts: 4,
      transactions: { inserted: 10, updated: 5, removed: 0, unchanged: 15, rejected: 0 },
      duration_seconds: 4.231,
      connections_omitted: 0,
    });
    expect(stats.connections.map((entry) => entry.connection_id)).toEqual([2, 3, 1, 4, 5]);
    expect(stats.connections[2]).toMatchObject({ refresh: 'refreshed', outcome: 'synced' });
  });

  it('caps the per-connection entries', () => {
    const many = Array.from({ length: MAX_CONNECTION_ENTRIES + 3 }, (_, i) => result(i, 'synced'));
    const stats = summarizeSyncRun({
      provider: 'acme',
      found: many.length,
      eligible: many.length,
      results: many,
      durationMs: 1,
    });
    expect(stats.connections).toHaveLength(MAX_CONNECTION_ENTRIES);
    expect(stats.connections_omitted).toBe(3);
  });
});

describe('completionLine', () => {
  it('prints the one-line summary operators grep for', () => {
    const stats = summarizeSyncRun({
      provider: 'acme',
      found: 5,
      eligible: 5,
      results: [1, 2, 3, 4, 5].map((id) => result(id, 'synced')),
      durationMs: 4230,
    });
    expect(completionLine('Acme sync job', stats)).toBe(
      'Acme sync job completed in 4.23s: 5/5 successful, 0 failed, 0 skipped (no subscription)',
    );
  });

  it('adds deferred and cancelled connections when there are any', () => {
    const stats = summarizeSyncRun({
      provider: 'acme',
      found: 4,
      eligible: 3,
      results: [result(1, 'synced'), result(2, 'skipped', 'min_gap'), result(3, 'cancelled')],
      durationMs: 1000,
    });
    expect(completionLine('Acme sync job', stats)).toBe(
      'Acme sync job completed in 1.00s: 1/1 successful, 0 failed, 1 skipped (no subscription), 1 deferred (1 min gap), 1 cancelled',
    );
  });
});
