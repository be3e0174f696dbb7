import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { Clock } from '../../../core/scheduling/clock';
import { HttpClientError } from '../../../infra/http-client';
import type {
  BankSyncProvider,
  CallOptions,
  ConnectionLimits,
  ProviderConnection,
  ProviderHealth,
  ProviderLimits,
  ProviderReadiness,
  ProviderTokens,
  ReadinessRequest,
  RefreshResult,
  TransactionPage,
  TransactionQuery,
} from '../../sync/bank-sync-provider.port';
import type { ProviderAccount } from '../../sync/bank-sync.types';
import { SyncFailure } from '../../sync/sync-failure';
import {
  STOPPED_STATUSES,
  budgetViews,
  judgeAccount,
  type GateSettings,
} from './budget/account-gate';
import type { AccountPlan } from './budget/budget-plan';
import { AccountCallMeter } from './budget/account-call-meter';
import { GoCardlessBudgetStore, type AccountBook } from './budget/gocardless-budget.store';
import { clipToHistory } from './budget/history-window';
import { GoCardlessApiService } from './client/gocardless-api.service';
import { GoCardlessConsentExpiredError } from './errors/gocardless-api.errors';
import type { GoCardlessClient } from './gocardless.client';
import { goCardlessConfig, type GoCardlessSettings } from './gocardless.config';
import {
  accountNameOf,
  accountTypeOf,
  mapGoCardlessTransactions,
  pickBalance,
} from './gocardless.mapper';
import { GoCardlessSchedule } from './schedule/gocardless-schedule.service';

const NOT_CONFIGURED =
  'GoCardless is not configured: set GOCARDLESS_SECRET_ID and GOCARDLESS_SECRET_KEY';

/**
 * GoCardless Bank Account Data behind the bank-sync port: a connection is a linked requisition,
 * its accounts are read within each account's daily budget per scope (see budget/).
 */
@Injectable()
export class GoCardlessBankSyncProvider implements BankSyncProvider {
  readonly name = 'gocardless';
  readonly label = 'GoCardless';
  readonly syncConcurrency: number;
  readonly limits: ProviderLimits;
  readonly unavailableReason: string | null;
  private readonly http: GoCardlessClient | null;
  private readonly settings: GoCardlessSettings;
  private readonly gate: GateSettings;
  /** The calls planned for each account of a sync in progress, by connection id. */
  private readonly plans = new Map<number, Map<string, AccountPlan>>();
  /** Whether a person waits for the sync about to start, as `readiness` was told, by connection. */
  private readonly attended = new Map<number, boolean>();

  constructor(
    api: GoCardlessApiService,
    config: AppConfig,
    private readonly clock: Clock,
    private readonly store: GoCardlessBudgetStore,
    private readonly schedule: GoCardlessSchedule,
    private readonly meter: AccountCallMeter,
  ) {
    this.settings = config.get(goCardlessConfig);
    this.http = api.client;
    this.syncConcurrency = this.settings.syncConcurrency;
    // GoCardless has no refresh to ask for: every data call reads from the bank.
    this.limits = { refreshesPerUserPerDay: null, freshForMs: 0, unattendedRefreshAfterMs: 0 };
    this.unavailableReason = api.client ? null : NOT_CONFIGURED;
    this.gate = {
      defaultLimit: this.settings.accountDailyLimit,
      balancesEvery: this.settings.balancesEveryNSyncs,
    };
  }

  /** The client, or `null` while the secrets are not set. */
  get client(): GoCardlessClient | null {
    return this.http;
  }

  get syncEnabled(): boolean {
    return this.settings.syncEnabled;
  }

  private get api(): GoCardlessClient {
    if (!this.http) throw new SyncFailure('error', NOT_CONFIGURED);
    return this.http;
  }

  async checkHealth(): Promise<ProviderHealth> {
    if (!this.http) return { status: 'not_configured', reason: NOT_CONFIGURED };
    try {
      await this.http.tokens.accessToken();
      return { status: 'up' };
    } catch (error) {
      const status = error instanceof HttpClientError ? ` (HTTP ${error.status ?? 'none'})` : '';
      return { status: 'degraded', reason: `no access token${status}` };
    }
  }

  /** Nothing to ask for; a consent known to have ended stops the sync before any call. */
  refresh(connection: ProviderConnection): Promise<RefreshResult> {
    const expiresAt = connection.consentExpiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) {
      return Promise.resolve({
        outcome: 'needs_reauth',
        detail: `the GoCardless end-user agreement expired at ${expiresAt.toISOString()}; the user must reconnect`,
        consentExpiresAt: expiresAt,
      });
    }
    return Promise.resolve({
      outcome: 'refreshed',
      detail: 'GoCardless reads from the bank on every data call',
      consentExpiresAt: expiresAt,
    });
  }

  async readiness(
    connection: ProviderConnection,
    request: ReadinessRequest,
  ): Promise<ProviderReadiness> {
    this.attended.set(connection.id, request.userPresent);
    const expiresAt = connection.consentExpiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) return { ready: true };
    const books = (await this.store.books([connection.id])).get(connection.id) ?? [];
    if (books.length === 0) return { ready: true };
    const now = this.clock.now();
    const schedule = await this.schedule.intervalMsOf(connection.id);
    const verdicts = books.map((book) =>
      judgeAccount(book, now, request.userPresent, schedule, this.gate),
    );
    if (verdicts.some((verdict) => verdict.read)) return { ready: true };
    const retryAts = verdicts.flatMap((v) => (!v.read && v.retryAt ? [v.retryAt.getTime()] : []));
    const reasons = [...new Set(verdicts.flatMap((v) => (v.read ? [] : [v.reason])))];
    return {
      ready: false,
      detail: `no account can be read now: ${reasons.join('; ')}`,
      retryAt: retryAts.length > 0 ? new Date(Math.min(...retryAts)) : null,
    };
  }

  async describeLimits(connectionIds: readonly number[]): Promise<Map<number, ConnectionLimits>> {
    const now = this.clock.now();
    const described = new Map<number, ConnectionLimits>();
    for (const [connectionId, books] of await this.store.books(connectionIds)) {
      const budgets = books.flatMap((book) => budgetViews(book, now, this.gate.defaultLimit));
      const live = budgets.filter((b) => b.scope === 'transactions' && !b.stoppedReason);
      const spent = live.length > 0 && live.every((b) => b.remaining === 0);
      const resets = live.flatMap((b) => (b.resetsAt ? [b.resetsAt.getTime()] : []));
      described.set(connectionId, {
        rateLimitedUntil: spent && resets.length > 0 ? new Date(Math.min(...resets)) : null,
        budgets,
      });
    }
    return described;
  }

  /**
   * The accounts this sync will read, each with the calls its budget allows. Accounts that cannot
   * be read now are left out (their stored rows stay as they are); account status is checked at
   * GoCardless (free of bank budget) when the account is new or has been failing.
   */
  async listAccounts(
    connection: ProviderConnection,
    options: CallOptions,
  ): Promise<ProviderAccount[]> {
    const books = (await this.store.books([connection.id])).get(connection.id) ?? [];
    const schedule = await this.schedule.intervalMsOf(connection.id);
    const plans = new Map<string, AccountPlan>();
    this.plans.set(connection.id, plans);
    const userPresent = this.attended.get(connection.id) ?? false;
    this.attended.delete(connection.id);
    const accounts: ProviderAccount[] = [];
    let lastFailure: unknown = null;
    for (const book of books) {
      const verdict = judgeAccount(book, this.clock.now(), userPresent, schedule, this.gate);
      if (!verdict.read) continue;
      try {
        if (!(await this.accountUsable(connection.id, book, options))) continue;
        accounts.push(await this.readAccount(connection.id, book, verdict.plan, options));
        plans.set(book.state.accountId, verdict.plan);
      } catch (error) {
        if (error instanceof GoCardlessConsentExpiredError) throw error;
        lastFailure = error;
      }
    }
    if (accounts.length === 0 && lastFailure) throw lastFailure;
    return accounts;
  }

  async *transactionPages(
    connection: ProviderConnection,
    query: TransactionQuery,
  ): AsyncIterable<TransactionPage> {
    const accountId = query.accountExternalId;
    const plan = this.plans.get(connection.id)?.get(accountId);
    if (!plan?.transactions) return;
    const state = (await this.store.books([connection.id]))
      .get(connection.id)
      ?.find((book) => book.state.accountId === accountId)?.state;
    const dateFrom = clipToHistory(query.since, state?.historyDays ?? null, this.clock.now());
    const answer = await this.meter.metered(connection.id, accountId, 'transactions', () =>
      this.api.accountTransactions(accountId, { dateFrom }, query),
    );
    await this.store.saveAccount(connection.id, accountId, {
      transactionsReads: (state?.transactionsReads ?? 0) + 1,
    });
    const mapped = mapGoCardlessTransactions(answer.data);
    yield { transactions: mapped.transactions, rejected: mapped.rejected };
  }

  /** The token pair is the app's, kept by the client; connections hold none. */
  renewTokens(connection: ProviderConnection): Promise<ProviderTokens | null> {
    this.plans.delete(connection.id);
    return Promise.resolve(null);
  }

  /** False when GoCardless reports the account in a state no call can succeed in. */
  private async accountUsable(
    connectionId: number,
    book: AccountBook,
    options: CallOptions,
  ): Promise<boolean> {
    const { state } = book;
    if (state.status === 'READY' && state.consecutiveFailures === 0) return true;
    const answer = await this.meter.metered(connectionId, state.accountId, null, () =>
      this.api.accountMetadata(state.accountId, options),
    );
    const status = answer.data.status;
    if (status === 'EXPIRED') {
      throw new SyncFailure('needs_reauth', `GoCardless account ${state.accountId} has EXPIRED`);
    }
    const stopped = STOPPED_STATUSES.has(status)
      ? `GoCardless reports the account ${status}; it stops syncing until the user reconnects`
      : null;
    await this.store.saveAccount(connectionId, state.accountId, {
      status,
      stoppedReason: stopped,
      iban: state.iban ?? answer.data.iban,
    });
    return status === 'READY';
  }

  private async readAccount(
    connectionId: number,
    book: AccountBook,
    plan: AccountPlan,
    options: CallOptions,
  ): Promise<ProviderAccount> {
    const { state } = book;
    const id = state.accountId;
    const now = this.clock.now();
    if (plan.details) {
      const { data } = await this.meter.metered(connectionId, id, 'details', () =>
        this.api.accountDetails(id, options),
      );
      Object.assign(state, {
        name: accountNameOf(data)?.slice(0, 200) ?? state.name,
        iban: data.iban?.replace(/\s+/g, '').slice(0, 34) ?? state.iban,
        currency: data.currency?.toUpperCase() ?? state.currency,
        accountType: accountTypeOf(data),
        detailsReadAt: now,
      });
      await this.store.saveAccount(connectionId, id, {
        name: state.name,
        iban: state.iban,
        currency: state.currency,
        accountType: state.accountType,
        detailsReadAt: now,
      });
    }
    if (plan.balances) {
      const { data } = await this.meter.metered(connectionId, id, 'balances', () =>
        this.api.accountBalances(id, options),
      );
      const balance = pickBalance(data);
      if (balance) {
        Object.assign(state, {
          balance: balance.amount,
          balanceAt: now,
          currency: state.currency ?? balance.currency,
        });
        await this.store.saveAccount(connectionId, id, {
          balance: balance.amount,
          balanceAt: now,
          currency: state.currency,
        });
      }
    }
    return {
      externalId: id,
      name: state.name ?? `GoCardless account ${id.slice(0, 8)}`,
      iban: state.iban,
      type: (state.accountType as ProviderAccount['type'] | null) ?? 'other',
      currency: state.currency,
      balance: state.balance,
      balanceAt: state.balanceAt,
    };
  }
}
