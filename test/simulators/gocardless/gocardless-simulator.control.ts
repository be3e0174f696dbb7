import type { ChaosSwitches, FaultLayer } from '../shared';
import type { AccountAccess, AccountFailure } from './sim-account-access';
import type { AccountSuccessLimiter } from './sim-account-limits';
import type { ApiBucket, ApiRateLimiter, BucketLimit } from './sim-api-limits';
import type { SimClock } from './sim-clock';
import { settleAgreement } from './sim-consent';
import { emptyCounters, type GoCardlessSimulatorCounters } from './sim-counters';
import type { DataScope } from './sim-types';
import type { LinkFlow, LinkOutcome } from './sim-link-flow';
import type {
  AccountSeed,
  BookOptions,
  BulkSeed,
  RequisitionSeed,
  SeededAccount,
  SeededRequisition,
  SimSeeder,
} from './sim-seed';
import type { RouteFault, RouteFaults } from './sim-route-faults';
import type { SimSettings } from './sim-state';
import type { NewTransaction, SimStore } from './sim-store';
import type { SimTokens } from './sim-tokens';
import type {
  AccountStatus,
  RequisitionStatus,
  SimAccount,
  SimAgreement,
  SimRequisition,
  SimTransaction,
} from './sim-types';

export interface ControlParts {
  readonly store: SimStore;
  readonly clock: SimClock;
  readonly tokens: SimTokens;
  readonly apiLimits: ApiRateLimiter;
  readonly routeFaults: RouteFaults;
  readonly accountLimits: AccountSuccessLimiter;
  readonly access: AccountAccess;
  readonly seeder: SimSeeder;
  readonly link: LinkFlow;
  readonly layer: FaultLayer;
  readonly counters: GoCardlessSimulatorCounters;
  readonly settings: SimSettings;
}

/** In-process control of a running simulator; `/__control/*` exposes the same operations. */
export class GoCardlessSimulatorControl {
  constructor(protected readonly parts: ControlParts) {}

  // --- data -------------------------------------------------------------------------------

  /** A linked requisition (LN, EUA accepted now or at `acceptedAt`) with accounts and rows. */
  seedRequisition(seed: RequisitionSeed = {}): SeededRequisition {
    return this.parts.seeder.requisition(seed);
  }

  /** Another account on an existing requisition. */
  addAccount(requisitionId: string, seed: AccountSeed = {}): SeededAccount {
    return this.parts.seeder.account(this.requisition(requisitionId), seed);
  }

  /** Cheap bulk data for benchmarks (1,000 accounts take well under a second). */
  seedBulk(options: BulkSeed): ReturnType<SimSeeder['bulk']> {
    return this.parts.seeder.bulk(options);
  }

  addTransaction(accountId: string, row: NewTransaction): SimTransaction {
    return this.parts.store.addTransaction(accountId, row);
  }

  /** The account's rows as stored (the simulator's `key` identifies pending ones). */
  transactions(accountId: string): readonly SimTransaction[] {
    return this.parts.store.transactionsOf(accountId);
  }

  /** Books a pending row; `newTransactionId` forces (or forbids) a new bank id. */
  bookPending(transactionKey: string, options: BookOptions = {}): SimTransaction {
    return this.parts.seeder.book(transactionKey, options);
  }

  account(accountId: string): SimAccount {
    const account = this.parts.store.account(accountId);
    if (!account) throw new Error(`unknown account ${accountId}`);
    return account;
  }

  requisition(requisitionId: string): SimRequisition {
    const requisition = this.parts.store.requisition(requisitionId);
    if (!requisition) throw new Error(`unknown requisition ${requisitionId}`);
    const agreement = this.parts.store.agreement(requisition.agreementId);
    if (agreement) settleAgreement(this.parts.store, agreement, this.parts.clock.now());
    return requisition;
  }

  agreement(agreementId: string): SimAgreement {
    const agreement = this.parts.store.agreement(agreementId);
    if (!agreement) throw new Error(`unknown agreement ${agreementId}`);
    settleAgreement(this.parts.store, agreement, this.parts.clock.now());
    return agreement;
  }

  // --- accounts ---------------------------------------------------------------------------

  setAccountStatus(accountId: string, status: AccountStatus): void {
    this.account(accountId).status = status;
  }

  /** Successful calls per scope in any rolling 24 h for this account. */
  setAccountSuccessLimit(accountId: string, limit: number): void {
    this.account(accountId).successLimit = limit;
  }

  /** The next `times` data calls (of `scope`, or any) fail with this GoCardless error type. */
  failAccount(
    accountId: string,
    failure: { error: AccountFailure; times?: number; scope?: DataScope },
  ): void {
    this.account(accountId);
    this.parts.access.injectFailure(accountId, failure.error, failure.times ?? 1, failure.scope);
  }

  /** Counted failures in a row so far (10 suspend the account). */
  failureStreak(accountId: string): number {
    return this.parts.access.failureStreak(accountId);
  }

  /** Per-account limit state of one scope, as the headers would report it now. */
  accountLimit(accountId: string, scope: DataScope): ReturnType<AccountSuccessLimiter['state']> {
    const account = this.account(accountId);
    return this.parts.accountLimits.state(accountId, scope, account.successLimit);
  }

  // --- consent ----------------------------------------------------------------------------

  /** The EUA lapses now: data calls get the EUA-expired body (400 or 401), requisitions go EX. */
  expireAgreement(agreementId: string, options: { status?: 400 | 401 } = {}): void {
    const agreement = this.agreement(agreementId);
    agreement.expiredAt = this.parts.clock.now();
    if (options.status) agreement.expiredStatus = options.status;
    settleAgreement(this.parts.store, agreement, this.parts.clock.now());
  }

  /** Revoked at the bank: data calls get 401 AccessExpiredError, requisitions go EX. */
  revokeAgreement(agreementId: string): void {
    const agreement = this.agreement(agreementId);
    agreement.revokedAt = this.parts.clock.now();
    settleAgreement(this.parts.store, agreement, this.parts.clock.now());
  }

  /** Default status of EUA-expired answers. */
  setEuaExpiredStatus(status: 400 | 401): void {
    this.parts.settings.euaExpiredStatus = status;
  }

  /** What the end user does on the link page (one requisition, or every later walk). */
  setLinkOutcome(outcome: LinkOutcome, requisitionId?: string): void {
    this.parts.link.setOutcome(outcome, requisitionId);
  }

  /** The accounts created when a walk reaches LN (one requisition, or every later walk). */
  setLinkAccounts(accounts: readonly AccountSeed[], requisitionId?: string): void {
    this.parts.link.setAccounts(accounts, requisitionId);
  }

  /** Moves a requisition by hand; LN accepts its EUA and creates its accounts. */
  setRequisitionStatus(requisitionId: string, status: RequisitionStatus): void {
    this.parts.link.moveTo(this.requisition(requisitionId), status);
  }

  requisitionHistory(requisitionId: string): RequisitionStatus[] {
    return this.parts.link.history(requisitionId);
  }

  // --- time, tokens, limits, faults -------------------------------------------------------

  now(): number {
    return this.parts.clock.now();
  }

  advanceClock(ms: number): void {
    this.parts.clock.advance(ms);
  }

  setClock(epochMs: number): void {
    this.parts.clock.set(epochMs);
  }

  /** GoCardless-side 5xx (default 503) on a route, GETs included; never counted by the bank. */
  failRoute(fault: RouteFault): void {
    this.parts.routeFaults.add(fault);
  }

  clearRouteFaults(): void {
    this.parts.routeFaults.clear();
  }

  /** Every API call answers 403 IpAccessDenied until turned off. */
  setIpDenied(denied: boolean): void {
    this.parts.settings.ipDenied = denied;
  }

  /** Every token issued so far answers 401 "Invalid token". */
  invalidateTokens(): void {
    this.parts.tokens.invalidateAll();
  }

  setApiLimit(bucket: ApiBucket, limit: BucketLimit): void {
    this.parts.apiLimits.setLimit(bucket, limit);
  }

  /** Replaces every chaos switch of the shared fault layer; `{}` turns them off. */
  setChaos(switches: ChaosSwitches): void {
    this.parts.layer.setChaos(switches);
  }

  /** The shared layer's app-wide per-second budget (`null` = none). */
  setRateLimit(
    requestsPerSecond: number | null,
    options: { retryAfterHeader?: boolean } = {},
  ): void {
    this.parts.layer.setRateLimit(requestsPerSecond, options);
  }

  setLatency(ms: number): void {
    this.parts.settings.latencyMs = ms;
  }

  /** A snapshot; later requests do not change it. */
  counters(): GoCardlessSimulatorCounters {
    const counters = this.parts.counters;
    return {
      ...counters,
      byRoute: { ...counters.byRoute },
      byStatus: { ...counters.byStatus },
      rateLimited: { ...counters.rateLimited },
      accountSuccesses: Object.fromEntries(
        Object.entries(counters.accountSuccesses).map(([id, scopes]) => [id, { ...scopes }]),
      ),
      chaos: { ...this.parts.layer.counters },
    };
  }

  resetCounters(): void {
    Object.assign(this.parts.counters, emptyCounters());
    this.parts.layer.resetCounters();
  }

  /** Clears injected failures (account and route), chaos switches, counters and latency; keeps data and the clock. */
  reset(): void {
    this.parts.access.clearFailures();
    this.parts.routeFaults.clear();
    this.setChaos({});
    this.resetCounters();
    this.setLatency(0);
  }

  /** The fault layer, for the control endpoint. */
  get layer(): FaultLayer {
    return this.parts.layer;
  }
}
