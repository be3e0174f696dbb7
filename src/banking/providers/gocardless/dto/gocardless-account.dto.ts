import { isRecord, list, optionalText, record, text, type JsonRecord } from './decode';

/** DISCOVERED, PROCESSING, READY, ERROR, EXPIRED, SUSPENDED. */
export type GoCardlessAccountStatus = string;

export interface GoCardlessAccountMetadata {
  readonly id: string;
  readonly status: GoCardlessAccountStatus;
  readonly iban: string | null;
  readonly institutionId: string | null;
  readonly ownerName: string | null;
}

export interface GoCardlessAccountDetails {
  readonly iban: string | null;
  readonly currency: string | null;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly product: string | null;
  readonly cashAccountType: string | null;
}

export interface GoCardlessBalance {
  readonly amount: string;
  readonly currency: string;
  readonly balanceType: string;
  readonly referenceDate: string | null;
}

export function decodeGoCardlessAccountMetadata(data: unknown): GoCardlessAccountMetadata {
  const body = record(data, 'account');
  return {
    id: text(body, 'id', 'account'),
    status: optionalText(body, 'status', 'account') ?? 'READY',
    iban: optionalText(body, 'iban', 'account'),
    institutionId: optionalText(body, 'institution_id', 'account'),
    ownerName: optionalText(body, 'owner_name', 'account'),
  };
}

export function decodeGoCardlessAccountDetails(data: unknown): GoCardlessAccountDetails {
  const account = record(record(data, 'details').account, 'details.account');
  const path = 'details.account';
  return {
    iban: optionalText(account, 'iban', path),
    currency: optionalText(account, 'currency', path),
    name: optionalText(account, 'name', path),
    displayName: optionalText(account, 'displayName', path),
    product: optionalText(account, 'product', path),
    cashAccountType: optionalText(account, 'cashAccountType', path),
  };
}

export function decodeGoCardlessBalances(data: unknown): GoCardlessBalance[] {
  return list(record(data, 'balances'), 'balances', 'balances').map((item, index) => {
    const path = `balances[${index}]`;
    const row = record(item, path);
    const amount: JsonRecord = isRecord(row.balanceAmount) ? row.balanceAmount : {};
    return {
      amount: text(amount, 'amount', `${path}.balanceAmount`),
      currency: text(amount, 'currency', `${path}.balanceAmount`),
      balanceType: optionalText(row, 'balanceType', path) ?? 'unknown',
      referenceDate: optionalText(row, 'referenceDate', path),
    };
  });
}
