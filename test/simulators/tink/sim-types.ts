/** Records the simulator keeps; the wire shapes are produced by `sim-render.ts`. */

export const CREDENTIAL_STATUSES = [
  'CREATED',
  'AUTHENTICATING',
  'AWAITING_MOBILE_BANKID_AUTHENTICATION',
  'AWAITING_SUPPLEMENTAL_INFORMATION',
  'AWAITING_THIRD_PARTY_APP_AUTHENTICATION',
  'UPDATING',
  'UPDATED',
  'AUTHENTICATION_ERROR',
  'TEMPORARY_ERROR',
  'PERMANENT_ERROR',
  'DELETED',
  'SESSION_EXPIRED',
] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export type AccountType = 'CHECKING' | 'SAVINGS' | 'CREDIT_CARD' | 'UNDEFINED';
export type TransactionStatus = 'BOOKED' | 'PENDING';
export type ProviderMutability = 'MUTABILITY_UNDEFINED' | 'MUTABLE' | 'IMMUTABLE';
/** How a pending row becomes booked: Tink keeps the id, or drops the row and adds a new one. */
export type BookingMode = 'same-id' | 'new-id';

/** `unscaledValue × 10^-scale`, both decimal strings as on the wire; scale may be negative. */
export interface SimAmountValue {
  readonly unscaledValue: string;
  readonly scale: string;
}

export interface SimUser {
  readonly id: string;
  readonly externalUserId: string;
  readonly market: string;
  readonly locale: string;
}

export interface SimCredential {
  readonly id: string;
  readonly userId: string;
  providerName: string;
  type: string;
  status: CredentialStatus;
  /** Epoch ms, as in v1. */
  statusUpdated: number;
  statusPayload: string;
  /** Epoch ms of the last successful refresh (status UPDATED). */
  updated: number | null;
  sessionExpiryDate: number | null;
}

export interface SimAccount {
  readonly id: string;
  readonly userId: string;
  readonly credentialId: string;
  name: string;
  type: AccountType;
  iban: string | null;
  currencyCode: string;
  bookedBalance: SimAmountValue;
  availableBalance: SimAmountValue | null;
  readonly financialInstitutionId: string;
  readonly createdAt: number;
}

export interface SimTransaction {
  readonly id: string;
  readonly accountId: string;
  status: TransactionStatus;
  /** YYYY-MM-DD; for PENDING rows the *expected* booking date. */
  bookedDate: string;
  valueDate: string;
  transactionDate: string;
  amount: SimAmountValue;
  readonly currencyCode: string;
  description: string;
  /** `null`: the description in capitals when rendered. */
  originalDescription: string | null;
  merchantName: string | null;
  merchantCategoryCode: string | null;
  counterpartyName: string | null;
  /** `null`: derived from the id when rendered (saves memory in bulk data). */
  providerTransactionId: string | null;
  mutability: ProviderMutability;
  categoryId: string;
  categoryName: string;
  /** Only meaningful while PENDING: what happens when it books. */
  bookingMode: BookingMode;
}
