import { gcTimestamp, isoDate } from './sim-clock';
import type { DateWindow } from './sim-transaction-window';
import type { SimAccount, SimAgreement, SimRequisition, SimTransaction } from './sim-types';

export function renderAgreement(agreement: SimAgreement): Record<string, unknown> {
  return {
    id: agreement.id,
    created: gcTimestamp(agreement.created),
    institution_id: agreement.institutionId,
    max_historical_days: agreement.maxHistoricalDays,
    access_valid_for_days: agreement.accessValidForDays,
    access_scope: [...agreement.accessScope],
    accepted: agreement.accepted === null ? null : gcTimestamp(agreement.accepted),
  };
}

export function renderRequisition(
  requisition: SimRequisition,
  link: string,
): Record<string, unknown> {
  return {
    id: requisition.id,
    created: gcTimestamp(requisition.created),
    redirect: requisition.redirect,
    status: requisition.status,
    institution_id: requisition.institutionId,
    agreement: requisition.agreementId,
    reference: requisition.reference,
    accounts: [...requisition.accounts],
    user_language: requisition.userLanguage,
    link,
    ssn: requisition.ssn,
    account_selection: requisition.accountSelection,
    redirect_immediate: requisition.redirectImmediate,
  };
}

export function renderAccountMetadata(account: SimAccount): Record<string, unknown> {
  return {
    id: account.id,
    created: gcTimestamp(account.created),
    last_accessed: account.lastAccessed === null ? null : gcTimestamp(account.lastAccessed),
    iban: account.iban,
    institution_id: account.institutionId,
    status: account.status,
    owner_name: account.ownerName,
  };
}

export function renderDetails(account: SimAccount): Record<string, unknown> {
  return {
    account: {
      resourceId: account.id.replace(/-/g, '').slice(0, 24),
      iban: account.iban,
      currency: account.currency,
      ownerName: account.ownerName,
      name: account.name,
      product: 'Current Account',
      cashAccountType: 'CACC',
      status: 'enabled',
      usage: 'PRIV',
    },
  };
}

/** Several balance types, as banks send them; amounts are strings. */
export function renderBalances(account: SimAccount, now: number): Record<string, unknown> {
  const amount = { amount: account.balance, currency: account.currency };
  const today = isoDate(now);
  return {
    balances: [
      { balanceAmount: amount, balanceType: 'interimAvailable', referenceDate: today },
      { balanceAmount: amount, balanceType: 'closingBooked', referenceDate: today },
      {
        balanceAmount: amount,
        balanceType: 'expected',
        lastChangeDateTime: new Date(now).toISOString(),
      },
    ],
  };
}

export interface TransactionRenderOptions {
  /** Adds a field the documentation does not list (clients must tolerate them). */
  readonly unknownFields: boolean;
  /** For `every-fetch` banks: this fetch's number, appended to each bank id. */
  readonly fetchNumber: number;
}

export function renderTransactions(
  account: SimAccount,
  rows: readonly SimTransaction[],
  window: DateWindow,
  options: TransactionRenderOptions,
): Record<string, unknown> {
  const booked: Record<string, unknown>[] = [];
  const pending: Record<string, unknown>[] = [];
  for (const row of rows) {
    const date = row.booked ? (row.bookingDate ?? row.valueDate) : row.valueDate;
    // A pending row without a date is always sent: the bank cannot say where it falls.
    if (date !== null && (date < window.from || date > window.to)) continue;
    if (row.booked) booked.push(renderBooked(account, row, options));
    else pending.push(renderPending(row));
  }
  const byDateDescending = (a: Record<string, unknown>, b: Record<string, unknown>): number =>
    String(b.bookingDate ?? '').localeCompare(String(a.bookingDate ?? ''));
  booked.sort(byDateDescending);
  return { transactions: { booked, pending } };
}

function renderBooked(
  account: SimAccount,
  row: SimTransaction,
  options: TransactionRenderOptions,
): Record<string, unknown> {
  const transactionId =
    account.transactionIdMode === 'every-fetch' && row.transactionId !== null
      ? `${row.transactionId}-${options.fetchNumber}`
      : row.transactionId;
  const rendered: Record<string, unknown> = {
    ...(transactionId === null ? {} : { transactionId }),
    ...(row.internalTransactionId === null
      ? {}
      : { internalTransactionId: row.internalTransactionId }),
    ...(row.bookingDate === null ? {} : { bookingDate: row.bookingDate }),
    ...(row.valueDate === null ? {} : { valueDate: row.valueDate }),
    transactionAmount: { amount: row.amount, currency: row.currency },
    ...counterparty(row),
    remittanceInformationUnstructured: row.remittanceInformationUnstructured,
    bankTransactionCode: row.bankTransactionCode,
  };
  if (options.unknownFields) rendered.additionalDataStructured = { simulator: 'unlisted field' };
  return rendered;
}

/** Pending rows often carry little more than an amount and a value date (§1.4). */
function renderPending(row: SimTransaction): Record<string, unknown> {
  return {
    ...(row.transactionId === null ? {} : { transactionId: row.transactionId }),
    ...(row.valueDate === null ? {} : { valueDate: row.valueDate }),
    transactionAmount: { amount: row.amount, currency: row.currency },
    remittanceInformationUnstructured: row.remittanceInformationUnstructured,
  };
}

function counterparty(row: SimTransaction): Record<string, unknown> {
  return row.amount.startsWith('-')
    ? { creditorName: row.counterpartyName }
    : { debtorName: row.counterpartyName };
}
