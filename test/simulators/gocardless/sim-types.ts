/** The three access scopes, each with its own per-account limit. */
export type DataScope = 'details' | 'balances' | 'transactions';

export const DATA_SCOPES: readonly DataScope[] = ['balances', 'details', 'transactions'];

export const REQUISITION_STATUSES = ['CR', 'GC', 'UA', 'RJ', 'SA', 'GA', 'LN', 'EX'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

export const ACCOUNT_STATUSES = [
  'DISCOVERED',
  'PROCESSING',
  'READY',
  'ERROR',
  'EXPIRED',
  'SUSPENDED',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * How the bank treats `transactionId`: kept (`stable`), replaced when a pending row books
 * (`on-booking`), or re-issued on every fetch (`every-fetch`, where only `internalTransactionId`
 * stays put).
 */
export type TransactionIdMode = 'stable' | 'on-booking' | 'every-fetch';

export interface SimAgreement {
  readonly id: string;
  readonly created: number;
  readonly institutionId: string;
  readonly maxHistoricalDays: number;
  readonly accessValidForDays: number;
  readonly accessScope: readonly DataScope[];
  accepted: number | null;
  /** Set by the clock passing `accepted + accessValidForDays` or by the control API. */
  expiredAt: number | null;
  /** Status of the EUA-expired answer for this agreement; `null` = the simulator's default. */
  expiredStatus: 400 | 401 | null;
  revokedAt: number | null;
}

export interface SimRequisition {
  readonly id: string;
  readonly created: number;
  readonly redirect: string;
  status: RequisitionStatus;
  readonly institutionId: string;
  readonly agreementId: string;
  readonly reference: string;
  accounts: string[];
  readonly userLanguage: string;
  readonly ssn: string | null;
  readonly accountSelection: boolean;
  readonly redirectImmediate: boolean;
}

export interface SimAccount {
  readonly id: string;
  readonly created: number;
  lastAccessed: number | null;
  readonly iban: string;
  readonly institutionId: string;
  readonly requisitionId: string;
  status: AccountStatus;
  readonly ownerName: string;
  readonly currency: string;
  readonly name: string;
  readonly balance: string;
  readonly transactionIdMode: TransactionIdMode;
  /** Successful calls allowed per scope in any rolling 24 h. */
  successLimit: number;
}

export interface SimTransaction {
  /** The simulator's own handle (never on the wire): pending rows have no id of their own. */
  readonly key: string;
  readonly accountId: string;
  booked: boolean;
  transactionId: string | null;
  internalTransactionId: string | null;
  bookingDate: string | null;
  valueDate: string | null;
  /** Signed decimal string, e.g. `-12.30`. */
  readonly amount: string;
  readonly currency: string;
  readonly counterpartyName: string;
  readonly remittanceInformationUnstructured: string;
  readonly bankTransactionCode: string;
}
