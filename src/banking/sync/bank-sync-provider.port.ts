import type {
  BankProvider,
  ProviderAccount,
  ProviderTransaction,
  RefreshOutcome,
} from './bank-sync.types';

/**
 * The one port every aggregator adapter implements. The core decides whether and when to sync,
 * enforces budgets, ingests and records outcomes; an adapter only speaks its provider's protocol,
 * maps into the neutral types and describes itself (name, label, limits). Adapters join the core
 * through `registerBankSyncProvider` (bank-sync-provider.registration.ts).
 */
export interface BankSyncProvider {
  /**
   * The registry key: lower-case letters, digits and dashes, at most 16 characters (it is stored in
   * `bank_connections.provider`). Also the `{provider}` segment of the refresh route.
   */
  readonly name: BankProvider;
  /** How log lines and messages name the provider, e.g. `<label> sync job completed in ...`. */
  readonly label: string;
  /** Connections a scheduled run syncs side by side. */
  readonly syncConcurrency: number;
  readonly limits: ProviderLimits;
  /** Why the provider cannot be called (e.g. credentials not configured); `null` when it can. */
  readonly unavailableReason: string | null;

  /**
   * A cheap probe of the provider (no user data, nothing that spends a budget), bounded by a short
   * timeout of its own. Never throws; reasons never contain secrets.
   */
  checkHealth(options?: CallOptions): Promise<ProviderHealth>;

  /**
   * Asks the provider to fetch fresh data from the bank and waits for the outcome. Also reports the
   * consent's expiry as the provider knows it.
   */
  refresh(connection: ProviderConnection, request: RefreshRequest): Promise<RefreshResult>;

  listAccounts(connection: ProviderConnection, options: CallOptions): Promise<ProviderAccount[]>;

  /** One account's transactions booked (or, for pending rows, expected) on or after `since`. */
  transactionPages(
    connection: ProviderConnection,
    query: TransactionQuery,
  ): AsyncIterable<TransactionPage>;

  /**
   * The per-connection tokens to keep after a sync, renewed if they had expired; `null` when the
   * provider holds none per connection. The core seals and stores them.
   */
  renewTokens(connection: ProviderConnection, options: CallOptions): Promise<ProviderTokens | null>;

  /**
   * Optional, for providers that budget calls per account: whether a sync of this connection can
   * succeed now, asked before the connection is leased and before any call. Not ready = the sync
   * is skipped (`budget_spent`) until `retryAt`; a person's refresh then answers 409.
   */
  readiness?(connection: ProviderConnection, request: ReadinessRequest): Promise<ProviderReadiness>;

  /**
   * Optional: what the provider limits per connection, to show on `GET /banking/connections`
   * (per-account budgets, accounts that stopped syncing, until when it is rate limited).
   */
  describeLimits?(connectionIds: readonly number[]): Promise<ReadonlyMap<number, ConnectionLimits>>;
}

export interface ReadinessRequest {
  /** A person is waiting (manual refresh); unattended otherwise. */
  readonly userPresent: boolean;
}

export type ProviderReadiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly detail: string; readonly retryAt: Date | null };

export interface ConnectionLimits {
  /** No call can succeed before this (every account's budget is spent); `null` when one can. */
  readonly rateLimitedUntil: Date | null;
  readonly budgets: readonly AccountBudget[];
}

export interface AccountBudget {
  /** The provider's account id. */
  readonly account: string;
  /** What the budget counts, e.g. `transactions`. */
  readonly scope: string;
  readonly limit: number;
  readonly remaining: number;
  /** When one more call frees up; `null` while none is spent. */
  readonly resetsAt: Date | null;
  /** Why the account no longer syncs; `null` while it does. */
  readonly stoppedReason: string | null;
}

export type ProviderHealth =
  | { readonly status: 'up' }
  | { readonly status: 'degraded'; readonly reason: string }
  | { readonly status: 'not_configured'; readonly reason: string };

export interface ProviderLimits {
  /** Refreshes a provider user may ask for per rolling day; `null` when unlimited. */
  readonly refreshesPerUserPerDay: number | null;
  /** Scheduled syncs leave connections alone that synced within this. */
  readonly freshForMs: number;
  /** Unattended syncs do not ask for a refresh when the provider refreshed within this itself. */
  readonly unattendedRefreshAfterMs: number;
}

/** A connection as an adapter sees it; secrets already opened. */
export interface ProviderConnection {
  readonly id: number;
  /** The provider's id of the end user, when it has one. */
  readonly providerUserId: string | null;
  /** The provider's id of the connection (a credential, a requisition, ...). */
  readonly externalId: string;
  readonly tokens: ProviderTokens | null;
  /** When the bank consent ends, as last recorded on the connection. */
  readonly consentExpiresAt?: Date | null;
}

export interface ProviderTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresAt: Date | null;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export type RefreshSkipReason = 'recently_refreshed' | 'budget_exhausted';

export interface RefreshRequest extends CallOptions {
  /** A person is waiting for the result (manual refresh); unattended otherwise. */
  readonly userPresent: boolean;
  /**
   * Called right before the provider would be asked to refresh, with when the provider last
   * refreshed its data; a reason skips the refresh and the sync reads what the provider has. This is
   * where the core spends refresh budgets, so only real refresh requests count.
   */
  readonly beforeRefresh: (state: ProviderDataState) => Promise<RefreshSkipReason | undefined>;
  /** How to wait between status polls; the core lends the connection's slot out meanwhile. */
  readonly wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ProviderDataState {
  readonly dataRefreshedAt: Date | null;
}

export interface RefreshResult {
  readonly outcome: RefreshOutcome | 'skipped';
  readonly skipReason?: RefreshSkipReason;
  /** In words, for logs and `last_error`; never contains secrets. */
  readonly detail: string;
  readonly consentExpiresAt: Date | null;
}

export interface TransactionQuery extends CallOptions {
  readonly accountExternalId: string;
  /** YYYY-MM-DD, inclusive. */
  readonly since: string;
}

export interface TransactionPage {
  readonly transactions: readonly ProviderTransaction[];
  /** Rows the adapter could not map. Their keys count as seen, so ingest never removes them. */
  readonly rejected: readonly RejectedTransaction[];
}

export interface RejectedTransaction {
  readonly providerTxKey: string;
  readonly reason: string;
}
