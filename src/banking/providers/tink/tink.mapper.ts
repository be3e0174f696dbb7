import type {
  ProviderAccount,
  ProviderAccountType,
  ProviderTransaction,
  ProviderTransactionStatus,
} from '../../sync/bank-sync.types';
import type { TinkAccountDto } from './dto/tink-account.dto';
import type { TinkAmountDto } from './dto/tink-amount.dto';
import type { TinkTransactionDto } from './dto/tink-transaction.dto';
import { TinkMappingError } from './errors/tink-mapping.error';
import {
  AmountConversionError,
  DECIMAL_19_4,
  DecimalTarget,
  scaledToDecimal,
} from './client/tink-amount.converter';

export interface TinkMapperOptions {
  /** Where amounts are stored; default DECIMAL(19,4) with half-even rounding. */
  readonly decimal?: DecimalTarget;
}

const ACCOUNT_TYPES: Readonly<Record<string, ProviderAccountType>> = {
  CHECKING: 'checking',
  SAVINGS: 'savings',
  CREDIT_CARD: 'credit_card',
};

/** UNDEFINED is deprecated and was only ever sent for settled rows. */
const TRANSACTION_STATUSES: Readonly<Record<string, ProviderTransactionStatus>> = {
  BOOKED: 'booked',
  PENDING: 'pending',
  UNDEFINED: 'booked',
};

export function mapTinkAccount(
  dto: TinkAccountDto,
  options: TinkMapperOptions = {},
): ProviderAccount {
  const balance = dto.balances?.booked?.amount ?? dto.balances?.available?.amount;
  return {
    externalId: dto.id,
    name: dto.name,
    iban: dto.identifiers?.iban?.iban?.replace(/\s+/g, '') || null,
    type: ACCOUNT_TYPES[dto.type] ?? 'other',
    currency: balance?.currencyCode ?? null,
    balance: balance ? toDecimal(balance, 'account.balance', options) : null,
    balanceAt: parseTimestamp(dto.dates?.lastRefreshed),
  };
}

export function mapTinkTransaction(
  dto: TinkTransactionDto,
  options: TinkMapperOptions = {},
): ProviderTransaction {
  const status = TRANSACTION_STATUSES[dto.status];
  if (!status) throw new TinkMappingError('transaction.status', `unknown status "${dto.status}"`);
  const amount = toDecimal(dto.amount, 'transaction.amount', options);
  return {
    providerTxKey: dto.id,
    providerReference: nonEmpty(dto.identifiers?.providerTransactionId),
    status,
    bookingDate: toIsoDate(dto.dates.booked, 'transaction.dates.booked'),
    valueDate: toIsoDate(dto.dates.value, 'transaction.dates.value'),
    amount,
    currency: dto.amount.currencyCode,
    description: describe(dto),
    originalDescription: nonEmpty(dto.descriptions?.original),
    counterparty: counterpartyOf(dto, amount.startsWith('-')),
    categoryId: nonEmpty(dto.categories?.pfm?.id),
    category: nonEmpty(dto.categories?.pfm?.name),
    raw: dto as unknown as Readonly<Record<string, unknown>>,
  };
}

function toDecimal(amount: TinkAmountDto, field: string, options: TinkMapperOptions): string {
  try {
    return scaledToDecimal(
      amount.value.unscaledValue,
      amount.value.scale,
      options.decimal ?? DECIMAL_19_4,
    );
  } catch (error) {
    if (error instanceof AmountConversionError) throw new TinkMappingError(field, error.message);
    throw error;
  }
}

/** YYYY-MM-DD, checked to be a real calendar day; a date-time keeps the date the bank wrote. */
function toIsoDate(value: string | undefined, field: string): string | null {
  if (value === undefined || value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value);
  if (!match) throw new TinkMappingError(field, `"${value}" is not a date`);
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    throw new TinkMappingError(field, `"${value}" is not a calendar date`);
  }
  return `${year}-${month}-${day}`;
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at);
}

function describe(dto: TinkTransactionDto): string {
  return (
    nonEmpty(dto.descriptions?.display) ??
    nonEmpty(dto.descriptions?.original) ??
    nonEmpty(dto.descriptions?.detailed?.unstructured) ??
    nonEmpty(dto.reference) ??
    ''
  );
}

/** Money out goes to the payee, money in comes from the payer. */
function counterpartyOf(dto: TinkTransactionDto, outgoing: boolean): string | null {
  const parties = dto.counterparties;
  const primary = outgoing ? parties?.payee?.name : parties?.payer?.name;
  const secondary = outgoing ? parties?.payer?.name : parties?.payee?.name;
  return (
    nonEmpty(primary) ?? nonEmpty(secondary) ?? nonEmpty(dto.merchantInformation?.merchantName)
  );
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
