import { backoffDelayMs, NO_JITTER } from '../../infra/async/backoff';
import type { ConnectionStatus } from '../connections/bank-connection.entity';

/** What the policy needs to know about a connection. */
export interface ConnectionSyncState {
  readonly id: number;
  readonly status: ConnectionStatus;
  readonly lastSyncAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly consecutiveFailures: number;
}

export interface SyncPolicy {
  /** The provider's freshness window: scheduled syncs skip connections synced within it. */
  readonly freshForMs: number;
  /** Never two attempts on one connection within this, whoever asks. */
  readonly minGapMs: number;
  readonly staleAfterMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export type DeferReason = 'needs_reauth' | 'disconnected' | 'min_gap' | 'cooling_off' | 'fresh';

export type SyncDecision =
  | { readonly sync: true }
  | { readonly sync: false; readonly reason: DeferReason; readonly retryAt: Date | null };

/** Consecutive failures after which a connection shows `error` (it is still retried). */
export const ERROR_STATUS_AFTER_FAILURES = 3;

/**
 * Should this connection sync now? A person asking overrides freshness and the failure cool-off
 * (one probe), but never the minimum gap, and nobody can sync a connection whose consent is gone.
 */
export function decideSync(
  state: ConnectionSyncState,
  now: Date,
  policy: SyncPolicy,
  requestedByPerson: boolean,
): SyncDecision {
  if (state.status === 'needs_reauth') return defer('needs_reauth', null);
  if (state.status === 'disconnected') return defer('disconnected', null);
  const at = now.getTime();
  if (state.lastSyncAt && at - state.lastSyncAt.getTime() < policy.minGapMs) {
    return defer('min_gap', new Date(state.lastSyncAt.getTime() + policy.minGapMs));
  }
  if (requestedByPerson) return { sync: true };
  if (state.nextAttemptAt && state.nextAttemptAt.getTime() > at) {
    return defer('cooling_off', state.nextAttemptAt);
  }
  if (state.lastSuccessAt && at - state.lastSuccessAt.getTime() < policy.freshForMs) {
    return defer('fresh', new Date(state.lastSuccessAt.getTime() + policy.freshForMs));
  }
  return { sync: true };
}

export function isStale(state: ConnectionSyncState, now: Date, policy: SyncPolicy): boolean {
  return (
    state.lastSuccessAt === null ||
    now.getTime() - state.lastSuccessAt.getTime() >= policy.staleAfterMs
  );
}

/** Sync order: stale connections first, then the longest without a successful sync. */
export function bySyncPriority(
  now: Date,
  policy: SyncPolicy,
): (a: ConnectionSyncState, b: ConnectionSyncState) => number {
  return (a, b) => {
    const staleness = Number(isStale(b, now, policy)) - Number(isStale(a, now, policy));
    if (staleness !== 0) return staleness;
    const successA = a.lastSuccessAt?.getTime() ?? -Infinity;
    const successB = b.lastSuccessAt?.getTime() ?? -Infinity;
    if (successA !== successB) return successA < successB ? -1 : 1;
    return a.id - b.id;
  };
}

/**
 * When the next automatic attempt may start after the `failures`-th failure in a row: the base
 * cool-off doubled per further failure, capped; never earlier than the provider asked
 * (`Retry-After`, a spent budget).
 */
export function coolOffUntil(
  failures: number,
  now: Date,
  policy: SyncPolicy,
  notBefore: Date | null = null,
): Date {
  const delayMs = backoffDelayMs(failures, {
    baseDelayMs: policy.backoffBaseMs,
    maxDelayMs: policy.backoffMaxMs,
    jitter: NO_JITTER,
  });
  const backoff = now.getTime() + delayMs;
  return new Date(Math.max(backoff, notBefore?.getTime() ?? 0));
}

export function statusAfterFailure(failures: number): ConnectionStatus {
  return failures >= ERROR_STATUS_AFTER_FAILURES ? 'error' : 'active';
}

function defer(reason: DeferReason, retryAt: Date | null): SyncDecision {
  return { sync: false, reason, retryAt };
}
