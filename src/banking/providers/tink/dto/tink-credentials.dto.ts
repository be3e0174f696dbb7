import {
  optionalNumber,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './decode';

export const TINK_CREDENTIAL_STATUSES = [
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
export type KnownTinkCredentialStatus = (typeof TINK_CREDENTIAL_STATUSES)[number];

/** v1 credentials; timestamps are epoch milliseconds. */
export interface TinkCredentialsDto {
  readonly id: string;
  readonly providerName?: string;
  readonly type?: string;
  /** A `KnownTinkCredentialStatus`, or a status Tink added later. */
  readonly status: string;
  readonly statusUpdated?: number;
  readonly statusPayload?: string;
  readonly updated?: number;
  readonly sessionExpiryDate?: number;
  readonly userId?: string;
}

export function decodeTinkCredentials(value: unknown, path = 'credentials'): TinkCredentialsDto {
  const credentials = requireRecord(value, path);
  return {
    ...credentials,
    id: requireString(credentials, 'id', path),
    providerName: optionalString(credentials, 'providerName', path),
    type: optionalString(credentials, 'type', path),
    status: requireString(credentials, 'status', path),
    statusUpdated: optionalNumber(credentials, 'statusUpdated', path),
    statusPayload: optionalString(credentials, 'statusPayload', path),
    updated: optionalNumber(credentials, 'updated', path),
    sessionExpiryDate: optionalNumber(credentials, 'sessionExpiryDate', path),
    userId: optionalString(credentials, 'userId', path),
  };
}

export function decodeTinkCredentialsList(value: unknown): readonly TinkCredentialsDto[] {
  const body = requireRecord(value, 'response');
  return requireArray(body, 'credentials', 'response').map((item, index) =>
    decodeTinkCredentials(item, `response.credentials[${index}]`),
  );
}
