import {
  ConnectionSyncState,
  SyncPolicy,
  bySyncPriority,
  coolOffUntil,
  decideSync,
  statusAfterFailure,
} from './sync-policy';

const NOW = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);
const POLICY: SyncPolicy = {
  freshForMs: 60 * 60_000,
  minGapMs: 5 * 60_000,
  staleAfterMs: 24 * 3_600_000,
  backoffBaseMs: 15 * 60_000,
  backoffMaxMs: 24 * 3_600_000,
};

function state(overrides: Partial<ConnectionSyncState> = {}): ConnectionSyncState {
  return {
    id: 1,
    status: 'active',
    lastSyncAt: null,
    lastSuccessAt: null,
    nextAttemptAt: null,
    consecutiveFailures: 0,
    ...overrides,
  };
}

describe('decideSync', () => {
  it('syncs a connection that never synced', () => {
    expect(decideSync(state(), NOW, POLICY, false)).toEqual({ sync: true });
  });

  it('skips a fresh connection unless a person asks', () => {
    const fresh = state({ lastSyncAt: minutesAgo(30), lastSuccessAt: minutesAgo(30) });
    expect(decideSync(fresh, NOW, POLICY, false)).toEqual({
      sync: false,
      reason: 'fresh',
      retryAt: minutesAgo(-30),
    });
    expect(decideSync(fresh, NOW, POLICY, true)).toEqual({ sync: true });
  });

  it('never syncs twice within the minimum gap, even for a person', () => {
    const justSynced = state({ lastSyncAt: minutesAgo(2), lastSuccessAt: minutesAgo(2) });
    expect(decideSync(justSynced, NOW, POLICY, true)).toEqual({
      sync: false,
      reason: 'min_gap',
      retryAt: minutesAgo(-3),
    });
  });

  it('waits out the cool-off of a failing connection; a person may probe it', () => {
    const failing = state({
      lastSyncAt: minutesAgo(10),
      nextAttemptAt: minutesAgo(-20),
      consecutiveFailures: 2,
    });
    expect(decideSync(failing, NOW, POLICY, false)).toMatchObject({ reason: 'cooling_off' });
    expect(decideSync(failing, NOW, POLICY, true)).toEqual({ sync: true });
    expect(decideSync({ ...failing, nextAttemptAt: minutesAgo(1) }, NOW, POLICY, false)).toEqual({
      sync: true,
    });
  });

  it.each(['needs_reauth', 'disconnected'] as const)(
    'leaves %s connections to the user',
    (status) => {
      expect(decideSync(state({ status }), NOW, POLICY, true)).toMatchObject({
        sync: false,
        reason: status,
        retryAt: null,
      });
    },
  );
});

describe('bySyncPriority', () => {
  it('puts stale connections first, then the longest without success, then by id', () => {
    const connections = [
      state({ id: 1, lastSuccessAt: minutesAgo(60) }),
      state({ id: 2, lastSuccessAt: minutesAgo(3000) }),
      state({ id: 3, lastSuccessAt: null }),
      state({ id: 4, lastSuccessAt: minutesAgo(120) }),
      state({ id: 5, lastSuccessAt: null }),
    ];
    expect(connections.sort(bySyncPriority(NOW, POLICY)).map((c) => c.id)).toEqual([3, 5, 2, 4, 1]);
  });
});

describe('coolOffUntil', () => {
  it('doubles per consecutive failure up to the cap', () => {
    const delays = [1, 2, 3, 7, 20].map(
      (failures) => (coolOffUntil(failures, NOW, POLICY).getTime() - NOW.getTime()) / 60_000,
    );
    expect(delays).toEqual([15, 30, 60, 960, 1440]);
  });

  it('is never earlier than the provider asked', () => {
    const retryAfter = minutesAgo(-90);
    expect(coolOffUntil(1, NOW, POLICY, retryAfter)).toEqual(retryAfter);
  });
});

describe('statusAfterFailure', () => {
  it('shows error after three failures in a row', () => {
    expect([1, 2, 3, 4].map(statusAfterFailure)).toEqual(['active', 'active', 'error', 'error']);
  });
});
