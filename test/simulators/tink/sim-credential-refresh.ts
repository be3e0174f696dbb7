import { isoDate, type SimClock } from './sim-clock';
import type { SimStore } from './sim-store';
import type { CredentialStatus, SimCredential } from './sim-types';

/** Where a started refresh ends up. */
export type RefreshEnding =
  | 'UPDATED'
  | 'TEMPORARY_ERROR'
  | 'AUTHENTICATION_ERROR'
  | 'PERMANENT_ERROR'
  | 'AWAITING_SUPPLEMENTAL_INFORMATION'
  | 'AWAITING_MOBILE_BANKID_AUTHENTICATION'
  | 'AWAITING_THIRD_PARTY_APP_AUTHENTICATION';

export interface RefreshRequest {
  readonly authenticate: boolean;
  readonly userPresent: boolean;
  readonly userAvailableForInteraction: boolean;
}

export type RefreshDecision = 'accepted' | 'rate_limited' | 'in_progress';

export interface RefreshEngineOptions {
  /** Simulated time between status steps (AUTHENTICATING → UPDATING → UPDATED). */
  readonly stepMs: number;
  /** On-demand refreshes allowed per credential per window; beyond it the refresh is silently dropped. */
  readonly quota: { readonly maxRefreshes: number; readonly windowMs: number } | null;
  /** A successful interactive re-authentication renews the consent for this long. */
  readonly consentDays: number;
  /** When a refresh succeeds, pending rows whose expected date has come book (as the bank would). */
  readonly bookDuePendingOnRefresh: boolean;
}

interface Step {
  readonly at: number;
  readonly status: CredentialStatus;
  readonly renewsConsent?: boolean;
}

/** AWAITING_* journeys stop after these waits (docs: 2 min supplemental info, 9 min app/BankID). */
const AWAITING_TIMEOUT_MS: Partial<Record<RefreshEnding, number>> = {
  AWAITING_SUPPLEMENTAL_INFORMATION: 2 * 60_000,
  AWAITING_MOBILE_BANKID_AUTHENTICATION: 9 * 60_000,
  AWAITING_THIRD_PARTY_APP_AUTHENTICATION: 9 * 60_000,
};

/** Statuses from which Tink does not refresh without the user. */
const NEEDS_USER: ReadonlySet<CredentialStatus> = new Set([
  'SESSION_EXPIRED',
  'AUTHENTICATION_ERROR',
  'PERMANENT_ERROR',
]);

/**
 * A credential's refresh as a state machine (the refresh section of docs/providers/tink.md). Steps
 * are planned with timestamps and applied lazily whenever a credential is read, so it follows the
 * (movable) simulated clock and needs no timers.
 */
export class CredentialRefreshEngine {
  private readonly running = new Map<string, Step[]>();
  private readonly endings = new Map<string, RefreshEnding>();
  private readonly silentlyLimited = new Set<string>();
  private readonly acceptedAt = new Map<string, number[]>();

  constructor(
    private readonly store: SimStore,
    private readonly clock: SimClock,
    private readonly options: RefreshEngineOptions,
  ) {}

  /** The ending of every later refresh of this credential (default UPDATED). */
  setEnding(credentialId: string, ending: RefreshEnding): void {
    this.endings.set(credentialId, ending);
  }

  setRateLimited(credentialId: string, limited: boolean): void {
    if (limited) this.silentlyLimited.add(credentialId);
    else this.silentlyLimited.delete(credentialId);
  }

  isRunning(credentialId: string): boolean {
    return this.running.has(credentialId);
  }

  /** Brings the credential up to the simulated now. */
  settle(credential: SimCredential): SimCredential {
    const steps = this.running.get(credential.id);
    if (!steps) return credential;
    const now = this.clock.now();
    while (steps.length > 0 && steps[0].at <= now) {
      const step = steps.shift() as Step;
      this.stamp(credential, step.status, step.at);
      if (step.status === 'UPDATED') {
        credential.updated = step.at;
        if (step.renewsConsent) {
          credential.sessionExpiryDate = step.at + this.options.consentDays * 86_400_000;
        }
        if (this.options.bookDuePendingOnRefresh) {
          this.store.bookDuePending(credential.id, isoDate(step.at));
        }
      }
    }
    if (steps.length === 0) this.running.delete(credential.id);
    return credential;
  }

  request(credential: SimCredential, request: RefreshRequest): RefreshDecision {
    this.settle(credential);
    if (this.running.has(credential.id)) return 'in_progress';
    const now = this.clock.now();
    if (this.silentlyLimited.has(credential.id) || this.quotaSpent(credential.id, now)) {
      return 'rate_limited';
    }
    this.acceptedAt.set(credential.id, [...(this.acceptedAt.get(credential.id) ?? []), now]);

    const interactive =
      request.authenticate && request.userPresent && request.userAvailableForInteraction;
    const consentExpired =
      credential.sessionExpiryDate !== null && credential.sessionExpiryDate <= now;
    if (!interactive && (consentExpired || credential.status === 'SESSION_EXPIRED')) {
      // UPDATED → SESSION_EXPIRED: an unattended refresh of an expired consent.
      this.stamp(credential, 'SESSION_EXPIRED', now);
      return 'accepted';
    }
    if (!interactive && NEEDS_USER.has(credential.status)) {
      // The attempt runs and fails the same way; only statusUpdated moves.
      this.stamp(credential, credential.status, now);
      return 'accepted';
    }
    this.running.set(credential.id, this.plan(credential.id, now, interactive));
    this.settle(credential);
    return 'accepted';
  }

  private plan(credentialId: string, now: number, interactive: boolean): Step[] {
    const step = this.options.stepMs;
    const ending = this.endings.get(credentialId) ?? 'UPDATED';
    const authenticating: Step = { at: now, status: 'AUTHENTICATING' };
    switch (ending) {
      case 'UPDATED':
        return [
          authenticating,
          { at: now + step, status: 'UPDATING' },
          { at: now + 2 * step, status: 'UPDATED', renewsConsent: interactive },
        ];
      case 'TEMPORARY_ERROR':
        return [
          authenticating,
          { at: now + step, status: 'UPDATING' },
          { at: now + 2 * step, status: 'TEMPORARY_ERROR' },
        ];
      case 'AUTHENTICATION_ERROR':
      case 'PERMANENT_ERROR':
        return [authenticating, { at: now + step, status: ending }];
      default: {
        // Simulator choice: an AWAITING_* journey nobody completes ends in AUTHENTICATION_ERROR.
        const timeout = AWAITING_TIMEOUT_MS[ending] ?? 9 * 60_000;
        return [
          authenticating,
          { at: now + step, status: ending },
          { at: now + step + timeout, status: 'AUTHENTICATION_ERROR' },
        ];
      }
    }
  }

  private quotaSpent(credentialId: string, now: number): boolean {
    const quota = this.options.quota;
    if (!quota) return false;
    const recent = (this.acceptedAt.get(credentialId) ?? []).filter(
      (at) => at > now - quota.windowMs,
    );
    this.acceptedAt.set(credentialId, recent);
    return recent.length >= quota.maxRefreshes;
  }

  private stamp(credential: SimCredential, status: CredentialStatus, at: number): void {
    credential.status = status;
    // statusUpdated must move even when two steps share a millisecond; pollers compare it.
    credential.statusUpdated = Math.max(at, credential.statusUpdated + 1);
  }
}
