import {
  optionalRecord,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './decode';
import { TinkAmountDto, decodeTinkAmount } from './tink-amount.dto';

/** `CHECKING | SAVINGS | CREDIT_CARD | UNDEFINED`, and Tink says more may come. */
export type TinkAccountType = string;

/** The documented subset of a /data/v2 account; the decoded object keeps any other fields. */
export interface TinkAccountDto {
  readonly id: string;
  readonly name: string;
  readonly type: TinkAccountType;
  readonly balances?: {
    readonly booked?: { readonly amount: TinkAmountDto };
    readonly available?: { readonly amount: TinkAmountDto };
  };
  readonly customerSegment?: string;
  readonly dates?: { readonly lastRefreshed?: string };
  readonly financialInstitutionId?: string;
  readonly identifiers?: {
    readonly iban?: { readonly iban?: string; readonly bban?: string; readonly bic?: string };
    readonly financialInstitution?: { readonly accountNumber?: string };
    readonly pan?: { readonly masked?: string };
    readonly sortCode?: { readonly accountNumber?: string; readonly code?: string };
  };
}

export interface TinkAccountsPageDto {
  readonly accounts: readonly TinkAccountDto[];
  readonly nextPageToken: string;
}

export function decodeTinkAccount(value: unknown, path = 'account'): TinkAccountDto {
  const account = requireRecord(value, path);
  const id = requireString(account, 'id', path);
  const name = optionalString(account, 'name', path) ?? '';
  const type = optionalString(account, 'type', path) ?? 'UNDEFINED';
  const balances = optionalRecord(account, 'balances', path);
  const booked = balances && optionalRecord(balances, 'booked', `${path}.balances`);
  const available = balances && optionalRecord(balances, 'available', `${path}.balances`);
  const dates = optionalRecord(account, 'dates', path);
  const identifiers = optionalRecord(account, 'identifiers', path);
  const iban = identifiers && optionalRecord(identifiers, 'iban', `${path}.identifiers`);
  return {
    ...account,
    id,
    name,
    type,
    balances: {
      booked: booked && {
        amount: decodeTinkAmount(booked.amount, `${path}.balances.booked.amount`),
      },
      available: available && {
        amount: decodeTinkAmount(available.amount, `${path}.balances.available.amount`),
      },
    },
    customerSegment: optionalString(account, 'customerSegment', path),
    financialInstitutionId: optionalString(account, 'financialInstitutionId', path),
    dates: dates && { lastRefreshed: optionalString(dates, 'lastRefreshed', `${path}.dates`) },
    identifiers: identifiers && {
      ...identifiers,
      iban: iban && { ...iban, iban: optionalString(iban, 'iban', `${path}.identifiers.iban`) },
    },
  };
}

export function decodeTinkAccountsPage(value: unknown): TinkAccountsPageDto {
  const page = requireRecord(value, 'response');
  return {
    accounts: requireArray(page, 'accounts', 'response').map((item, index) =>
      decodeTinkAccount(item, `response.accounts[${index}]`),
    ),
    // "empty if there are no more results"; a missing token means the same.
    nextPageToken: optionalString(page, 'nextPageToken', 'response') ?? '',
  };
}
