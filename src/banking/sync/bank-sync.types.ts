/** Provider-neutral shapes every bank adapter maps into; the core never sees a provider's own. */

/**
 * A bank provider's registered name (see `BankProviderRegistry`), as stored in
 * `bank_connections.provider` and `sync_audit.provider` and used in routes. Any string: input from
 * outside is checked against the registry, so adding a provider changes nothing here.
 */
export type BankProvider = string;

export type ProviderAccountType = 'checking' | 'savings' | 'credit_card' | 'other';

export interface ProviderAccount {
  readonly externalId: string;
  readonly name: string;
  readonly iban: string | null;
  readonly type: ProviderAccountType;
  /** ISO 4217; `null` when the provider sent no balance to take it from. */
  readonly currency: string | null;
  /** Exact decimal with 4 fraction digits (DECIMAL(19,4)), e.g. `"-130.0000"`; `null` if none sent. */
  readonly balance: string | null;
  readonly balanceAt: Date | null;
}

export type ProviderTransactionStatus = 'pending' | 'booked';

export interface ProviderTransaction {
  /** Unique per account; the idempotent upsert key. */
  readonly providerTxKey: string;
  /**
   * The bank's own id of the row when the provider passes it on. It survives a provider re-issuing
   * a pending row under a new key when it books, which lets the core update the row in place.
   */
  readonly providerReference: string | null;
  readonly status: ProviderTransactionStatus;
  /** YYYY-MM-DD. For pending rows, the date the provider expects it to book. */
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
  /** Exact decimal with 4 fraction digits, signed (negative = money out). */
  readonly amount: string;
  readonly currency: string;
  /** The text to show: the provider's cleaned-up description when it has one. */
  readonly description: string;
  /** The bank's own text for the row (e.g. `CARD PURCHASE 17`), when the provider passes it on. */
  readonly originalDescription: string | null;
  readonly counterparty: string | null;
  /** The provider's category id; kept even when the category has no name. */
  readonly categoryId: string | null;
  /** The category's name; `null` when the provider sent none (never the id in its place). */
  readonly category: string | null;
  /** The provider's row as received, unknown fields included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * How a refresh at the provider ended. `refresh_failed`: the provider could not refresh (its
 * request failed after retries, or the bank reported a temporary error); the data it already has
 * is still read. Only `needs_reauth` stops a sync.
 */
export type RefreshOutcome = 'refreshed' | 'rate_limited' | 'needs_reauth' | 'refresh_failed';
