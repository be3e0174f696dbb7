import { createHash } from 'node:crypto';
import type {
  ProviderAccountType,
  ProviderTransaction,
  ProviderTransactionStatus,
} from '../../sync/bank-sync.types';
import { GoCardlessAmountError, parseGoCardlessAmount } from './client/gocardless-amount';
import type { GoCardlessAccountDetails, GoCardlessBalance } from './dto/gocardless-account.dto';
import { isRecord, type JsonRecord } from './dto/decode';
import type { GoCardlessTransactions } from './dto/gocardless-transaction.dto';

export class GoCardlessMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoCardlessMappingError';
  }
}

/** The current balance: the first of these types the bank sent. */
const BALANCE_PREFERENCE = [
  'closingBooked',
  'expected',
  'forwardAvailable',
  'interimAvailable',
  'interimBooked',
  'nonInvoiced',
  'openingBooked',
];

const CASH_ACCOUNT_TYPES: Readonly<Record<string, ProviderAccountType>> = {
  CACC: 'checking',
  TRAN: 'checking',
  CASH: 'checking',
  SVGS: 'savings',
  CARD: 'credit_card',
};

export function accountTypeOf(details: GoCardlessAccountDetails): ProviderAccountType {
  return CASH_ACCOUNT_TYPES[details.cashAccountType?.toUpperCase() ?? ''] ?? 'other';
}

export function accountNameOf(details: GoCardlessAccountDetails): string | null {
  return details.name ?? details.displayName ?? details.product ?? null;
}

export interface MappedBalance {
  readonly amount: string;
  readonly currency: string;
}

/** The balance to show, exact; `null` when the bank sent none. */
export function pickBalance(balances: readonly GoCardlessBalance[]): MappedBalance | null {
  if (balances.length === 0) return null;
  const ranked = [...balances].sort((a, b) => rank(a.balanceType) - rank(b.balanceType));
  const chosen = ranked[0];
  return { amount: parseGoCardlessAmount(chosen.amount), currency: chosen.currency.toUpperCase() };
}

function rank(type: string): number {
  const index = BALANCE_PREFERENCE.indexOf(type);
  return index === -1 ? BALANCE_PREFERENCE.length : index;
}

export interface MappedTransactions {
  readonly transactions: ProviderTransaction[];
  readonly rejected: { providerTxKey: string; reason: string }[];
}

/**
 * Booked and pending rows → the core's rows. A row is keyed by `internalTransactionId` (unique
 * within its account; `transactionId` may change on booking or on every fetch), else by
 * `transactionId`, else (pending rows without ids) by its content: date, amount, currency and
 * text, numbered when identical rows repeat. Such a pending row is replaced when it books.
 */
export function mapGoCardlessTransactions(answer: GoCardlessTransactions): MappedTransactions {
  const transactions: ProviderTransaction[] = [];
  const rejected: { providerTxKey: string; reason: string }[] = [];
  const seen = new Map<string, number>();
  const add = (row: JsonRecord, status: ProviderTransactionStatus): void => {
    let key = keyOf(row, status);
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    if (repeat > 0) key = `${key}#${repeat}`;
    try {
      transactions.push(mapGoCardlessTransaction(row, status, key));
    } catch (error) {
      if (!(error instanceof GoCardlessMappingError || error instanceof GoCardlessAmountError)) {
        throw error;
      }
      rejected.push({ providerTxKey: key, reason: error.message });
    }
  };
  for (const row of answer.booked) add(row, 'booked');
  for (const row of answer.pending) add(row, 'pending');
  return { transactions, rejected };
}

export function mapGoCardlessTransaction(
  row: JsonRecord,
  status: ProviderTransactionStatus,
  key = keyOf(row, status),
): ProviderTransaction {
  const amountField = isRecord(row.transactionAmount) ? row.transactionAmount : null;
  if (!amountField) throw new GoCardlessMappingError('transactionAmount is missing');
  const amount = parseGoCardlessAmount(amountField.amount);
  const currency = textOf(amountField.currency);
  if (!currency || !/^[A-Za-z]{3}$/.test(currency)) {
    throw new GoCardlessMappingError('transactionAmount.currency is not an ISO 4217 code');
  }
  const bookingDate = dateOf(row.bookingDate) ?? dateOf(row.bookingDateTime);
  const valueDate = dateOf(row.valueDate) ?? dateOf(row.valueDateTime);
  if (!bookingDate && !valueDate) throw new GoCardlessMappingError('the row has no date yet');
  const outgoing = amount.startsWith('-');
  const counterparty =
    (outgoing ? textOf(row.creditorName) : textOf(row.debtorName)) ??
    textOf(row.creditorName) ??
    textOf(row.debtorName);
  const bankText = bankTextOf(row);
  return {
    providerTxKey: key,
    providerReference: textOf(row.entryReference),
    status,
    bookingDate: bookingDate ?? valueDate,
    valueDate,
    amount,
    currency: currency.toUpperCase(),
    description: bankText ?? counterparty ?? '',
    originalDescription: textOf(row.additionalInformation) ?? bankText,
    counterparty,
    categoryId: textOf(row.merchantCategoryCode),
    category: null,
    raw: stableRaw(row, key),
  };
}

/** The key a row is stored under (see `mapGoCardlessTransactions`). */
export function keyOf(row: JsonRecord, status: ProviderTransactionStatus): string {
  const internal = textOf(row.internalTransactionId);
  if (internal) return internal;
  const bankId = textOf(row.transactionId);
  if (bankId) return `tx:${bankId}`;
  const amount = isRecord(row.transactionAmount) ? row.transactionAmount : {};
  const content = JSON.stringify([
    status,
    dateOf(row.bookingDate) ?? dateOf(row.valueDate),
    String(amount.amount ?? ''),
    String(amount.currency ?? ''),
    bankTextOf(row),
  ]);
  return `content:${createHash('sha1').update(content).digest('hex').slice(0, 32)}`;
}

/** The row as received, less `transactionId` when it is not the key (some banks change it on every fetch). */
function stableRaw(row: JsonRecord, key: string): Record<string, unknown> {
  if (key.startsWith('tx:')) return { ...row };
  const { transactionId: _volatile, ...rest } = row;
  return rest;
}

function bankTextOf(row: JsonRecord): string | null {
  const unstructured = textOf(row.remittanceInformationUnstructured);
  if (unstructured) return unstructured;
  const array = Array.isArray(row.remittanceInformationUnstructuredArray)
    ? row.remittanceInformationUnstructuredArray.filter((t) => typeof t === 'string').join(' ')
    : '';
  return array.trim() || textOf(row.remittanceInformationStructured) || null;
}

function textOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function dateOf(value: unknown): string | null {
  const text = textOf(value);
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
}
