import { agreementOfAccount, settleAgreement } from './sim-consent';
import {
  accessExpired,
  accessForbidden,
  accountInactive,
  accountNotReady,
  accountSuspended,
  euaExpired,
  institutionRateLimit,
  serviceError,
  unknownRequestError,
} from './sim-errors';
import type { SimResult } from './sim-http';
import type { SimStore } from './sim-store';
import type { DataScope, SimAccount } from './sim-types';

/** Errors the bank side can answer a data call with (GoCardless' `type` values). */
export const ACCOUNT_FAILURES = [
  'UnknownRequestError',
  'AccessExpiredError',
  'AccountInactiveError',
  'ServiceError',
  'RateLimitError',
] as const;
export type AccountFailure = (typeof ACCOUNT_FAILURES)[number];

/** §1.3: these add to the consecutive-failure count; 429 and 503 do not. */
const COUNTS_TOWARDS_SUSPENSION: ReadonlySet<AccountFailure> = new Set([
  'UnknownRequestError',
  'AccessExpiredError',
  'AccountInactiveError',
]);

export interface InjectedFailure {
  readonly error: AccountFailure;
  /** Only calls of this scope; all scopes when absent. */
  readonly scope?: DataScope;
  remaining: number;
}

export interface AccessSettings {
  suspendAfterFailures: number;
  euaExpiredStatus: 400 | 401;
}

/**
 * Decides what a data call (details, balances, transactions) on an existing account gets before
 * the per-account limit is looked at, and keeps the consecutive-failure count that suspends it.
 */
export class AccountAccess {
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly consecutiveFailures = new Map<string, number>();

  constructor(
    private readonly store: SimStore,
    private readonly now: () => number,
    private readonly settings: AccessSettings,
  ) {}

  injectFailure(accountId: string, error: AccountFailure, times: number, scope?: DataScope): void {
    const queue = this.failures.get(accountId) ?? [];
    queue.push({ error, scope, remaining: times });
    this.failures.set(accountId, queue);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  failureStreak(accountId: string): number {
    return this.consecutiveFailures.get(accountId) ?? 0;
  }

  /** Refusals that need no bank call: suspended, consent gone, scope not granted, not ready. */
  refusal(account: SimAccount, scope: DataScope): SimResult | undefined {
    if (account.status === 'SUSPENDED') return accountSuspended();
    const agreement = agreementOfAccount(this.store, account.id);
    if (agreement) settleAgreement(this.store, agreement, this.now());
    if (agreement?.revokedAt != null) return this.failed(account, 'AccessExpiredError', scope);
    if (agreement?.expiredAt != null || account.status === 'EXPIRED') {
      const expiredAt = agreement?.expiredAt ?? this.now();
      return euaExpired(
        agreement?.expiredStatus ?? this.settings.euaExpiredStatus,
        agreement?.id ?? account.requisitionId,
        agreement?.accessValidForDays ?? 90,
        expiredAt,
      );
    }
    if (agreement && !agreement.accessScope.includes(scope)) return accessForbidden(scope);
    if (account.status === 'DISCOVERED' || account.status === 'PROCESSING') {
      return accountNotReady(account.status);
    }
    return undefined;
  }

  /** What the bank answers: an injected failure, 500 for an account in ERROR, or nothing. */
  bankFailure(account: SimAccount, scope: DataScope): SimResult | undefined {
    const queue = this.failures.get(account.id) ?? [];
    const injected = queue.find((failure) => !failure.scope || failure.scope === scope);
    if (injected) {
      injected.remaining -= 1;
      if (injected.remaining <= 0) queue.splice(queue.indexOf(injected), 1);
      return this.failed(account, injected.error, scope);
    }
    if (account.status === 'ERROR') return this.failed(account, 'UnknownRequestError', scope);
    return undefined;
  }

  recordSuccess(account: SimAccount): void {
    this.consecutiveFailures.set(account.id, 0);
    account.lastAccessed = this.now();
  }

  private failed(account: SimAccount, error: AccountFailure, scope: DataScope): SimResult {
    if (COUNTS_TOWARDS_SUSPENSION.has(error)) {
      const streak = this.failureStreak(account.id) + 1;
      this.consecutiveFailures.set(account.id, streak);
      if (streak >= this.settings.suspendAfterFailures) account.status = 'SUSPENDED';
    }
    return failureBody(error, scope);
  }
}

function failureBody(error: AccountFailure, scope: DataScope): SimResult {
  switch (error) {
    case 'UnknownRequestError':
      return unknownRequestError(scope);
    case 'AccessExpiredError':
      return accessExpired(scope);
    case 'AccountInactiveError':
      return accountInactive(scope);
    case 'ServiceError':
      return serviceError(scope);
    case 'RateLimitError':
      return institutionRateLimit(scope);
  }
}
