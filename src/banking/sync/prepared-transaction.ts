import { createHash } from 'node:crypto';
import type { RejectedTransaction } from './bank-sync-provider.port';
import type { ProviderTransaction, ProviderTransactionStatus } from './bank-sync.types';

/** A transaction ready for the `transactions` table: bounded text, a date, a content digest. */
export interface PreparedTransaction {
  readonly providerTxKey: string;
  readonly providerReference: string | null;
  readonly status: ProviderTransactionStatus;
  readonly bookingDate: string;
  readonly valueDate: string | null;
  readonly amount: string;
  readonly currency: string;
  readonly description: string;
  readonly originalDescription: string | null;
  readonly counterparty: string | null;
  readonly categoryId: string | null;
  readonly category: string | null;
  readonly rawJson: string;
  readonly contentHash: string;
}

export interface PreparedBatch {
  readonly rows: PreparedTransaction[];
  readonly rejected: RejectedTransaction[];
}

/** Column limits of the `transactions` table. */
const MAX_KEY = 128;
const MAX_COUNTERPARTY = 255;
const MAX_CATEGORY = 100;
const MAX_CATEGORY_ID = 100;

/**
 * Checks and normalises provider rows. A row without any date, an over-long key or an odd currency
 * is rejected (and reported), not stored half-right. Duplicate keys keep the last row seen.
 */
export function prepareTransactions(transactions: readonly ProviderTransaction[]): PreparedBatch {
  const byKey = new Map<string, PreparedTransaction>();
  const rejected: RejectedTransaction[] = [];
  for (const transaction of transactions) {
    const problem = problemWith(transaction);
    if (problem) {
      rejected.push({ providerTxKey: transaction.providerTxKey, reason: problem });
      continue;
    }
    byKey.set(transaction.providerTxKey, prepare(transaction));
  }
  return { rows: [...byKey.values()], rejected };
}

function problemWith(transaction: ProviderTransaction): string | undefined {
  const key = transaction.providerTxKey;
  if (key.length === 0 || key.length > MAX_KEY) return `key must be 1–${MAX_KEY} characters`;
  if (!transaction.bookingDate && !transaction.valueDate) return 'no booking or value date';
  if (!/^[A-Za-z]{3}$/.test(transaction.currency)) {
    return `currency "${transaction.currency}" is not an ISO 4217 code`;
  }
  return undefined;
}

function prepare(transaction: ProviderTransaction): PreparedTransaction {
  const fields = {
    providerTxKey: transaction.providerTxKey,
    providerReference:
      transaction.providerReference && transaction.providerReference.length <= MAX_KEY
        ? transaction.providerReference
        : null,
    status: transaction.status,
    bookingDate: (transaction.bookingDate ?? transaction.valueDate) as string,
    valueDate: transaction.valueDate,
    amount: transaction.amount,
    currency: transaction.currency.toUpperCase(),
    description: transaction.description,
    originalDescription: transaction.originalDescription,
    counterparty: truncate(transaction.counterparty, MAX_COUNTERPARTY),
    categoryId:
      transaction.categoryId && transaction.categoryId.length <= MAX_CATEGORY_ID
        ? transaction.categoryId
        : null,
    category: truncate(transaction.category, MAX_CATEGORY),
    rawJson: JSON.stringify(transaction.raw),
  };
  return { ...fields, contentHash: contentHashOf(fields) };
}

/**
 * Change detection only (not a security boundary): SHA-1 is fast and 40 hex characters. The raw
 * JSON is hashed as it is, after the other fields, rather than escaped into one more string.
 */
function contentHashOf(fields: Omit<PreparedTransaction, 'contentHash'>): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        fields.providerReference,
        fields.status,
        fields.bookingDate,
        fields.valueDate,
        fields.amount,
        fields.currency,
        fields.description,
        fields.originalDescription,
        fields.counterparty,
        fields.categoryId,
        fields.category,
      ]),
    )
    .update('\n')
    .update(fields.rawJson)
    .digest('hex');
}

function truncate(value: string | null, max: number): string | null {
  return value === null || value.length <= max ? value : value.slice(0, max);
}
