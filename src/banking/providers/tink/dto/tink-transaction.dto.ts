import {
  JsonRecord,
  optionalRecord,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './decode';
import { TinkAmountDto, decodeTinkAmount } from './tink-amount.dto';

/** `BOOKED | PENDING | UNDEFINED` (the last one deprecated). */
export type TinkTransactionStatus = string;

export interface TinkCounterpartyDto {
  readonly name?: string;
  readonly identifiers?: { readonly financialInstitution?: { readonly accountNumber?: string } };
}

/** The documented subset of a /data/v2 transaction; the decoded object keeps any other fields. */
export interface TinkTransactionDto {
  readonly id: string;
  readonly accountId: string;
  readonly amount: TinkAmountDto;
  readonly status: TinkTransactionStatus;
  /** YYYY-MM-DD; for PENDING rows `booked` is the *expected* booking date. */
  readonly dates: {
    readonly booked?: string;
    readonly value?: string;
    readonly transaction?: string;
  };
  readonly bookedDateTime?: string;
  readonly valueDateTime?: string;
  readonly transactionDateTime?: string;
  readonly descriptions?: {
    readonly original?: string;
    readonly display?: string;
    readonly detailed?: { readonly unstructured?: string };
  };
  readonly identifiers?: { readonly providerTransactionId?: string };
  readonly merchantInformation?: {
    readonly merchantName?: string;
    readonly merchantCategoryCode?: string;
  };
  readonly counterparties?: {
    readonly payee?: TinkCounterpartyDto;
    readonly payer?: TinkCounterpartyDto;
  };
  readonly reference?: string;
  readonly types?: { readonly type?: string; readonly financialInstitutionTypeCode?: string };
  readonly providerMutability?: string;
  readonly categories?: { readonly pfm?: { readonly id?: string; readonly name?: string } };
}

export interface TinkTransactionsPageDto {
  readonly transactions: readonly TinkTransactionDto[];
  readonly nextPageToken: string;
}

function decodeCounterparty(
  record: JsonRecord | undefined,
  path: string,
): TinkCounterpartyDto | undefined {
  if (!record) return undefined;
  return { ...record, name: optionalString(record, 'name', path) };
}

export function decodeTinkTransaction(value: unknown, path = 'transaction'): TinkTransactionDto {
  const tx = requireRecord(value, path);
  const dates = requireRecord(tx.dates ?? {}, `${path}.dates`);
  const descriptions = optionalRecord(tx, 'descriptions', path);
  const detailed = descriptions && optionalRecord(descriptions, 'detailed', `${path}.descriptions`);
  const identifiers = optionalRecord(tx, 'identifiers', path);
  const merchant = optionalRecord(tx, 'merchantInformation', path);
  const counterparties = optionalRecord(tx, 'counterparties', path);
  const categories = optionalRecord(tx, 'categories', path);
  const pfm = categories && optionalRecord(categories, 'pfm', `${path}.categories`);
  return {
    ...tx,
    id: requireString(tx, 'id', path),
    accountId: requireString(tx, 'accountId', path),
    amount: decodeTinkAmount(tx.amount, `${path}.amount`),
    status: requireString(tx, 'status', path),
    dates: {
      booked: optionalString(dates, 'booked', `${path}.dates`),
      value: optionalString(dates, 'value', `${path}.dates`),
      transaction: optionalString(dates, 'transaction', `${path}.dates`),
    },
    descriptions: descriptions && {
      original: optionalString(descriptions, 'original', `${path}.descriptions`),
      display: optionalString(descriptions, 'display', `${path}.descriptions`),
      detailed: detailed && {
        unstructured: optionalString(detailed, 'unstructured', `${path}.descriptions.detailed`),
      },
    },
    identifiers: identifiers && {
      providerTransactionId: optionalString(
        identifiers,
        'providerTransactionId',
        `${path}.identifiers`,
      ),
    },
    merchantInformation: merchant && {
      merchantName: optionalString(merchant, 'merchantName', `${path}.merchantInformation`),
      merchantCategoryCode: optionalString(
        merchant,
        'merchantCategoryCode',
        `${path}.merchantInformation`,
      ),
    },
    counterparties: counterparties && {
      payee: decodeCounterparty(
        optionalRecord(counterparties, 'payee', `${path}.counterparties`),
        `${path}.counterparties.payee`,
      ),
      payer: decodeCounterparty(
        optionalRecord(counterparties, 'payer', `${path}.counterparties`),
        `${path}.counterparties.payer`,
      ),
    },
    reference: optionalString(tx, 'reference', path),
    providerMutability: optionalString(tx, 'providerMutability', path),
    categories: categories && {
      pfm: pfm && {
        id: optionalString(pfm, 'id', `${path}.categories.pfm`),
        name: optionalString(pfm, 'name', `${path}.categories.pfm`),
      },
    },
  };
}

export function decodeTinkTransactionsPage(value: unknown): TinkTransactionsPageDto {
  const page = requireRecord(value, 'response');
  return {
    transactions: requireArray(page, 'transactions', 'response').map((item, index) =>
      decodeTinkTransaction(item, `response.transactions[${index}]`),
    ),
    nextPageToken: optionalString(page, 'nextPageToken', 'response') ?? '',
  };
}
