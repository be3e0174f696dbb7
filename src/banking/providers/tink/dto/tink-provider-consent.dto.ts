import {
  PayloadShapeError,
  optionalNumber,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './decode';

/** A credential's consent; `accountIds` are the accounts that credential gives access to. */
export interface TinkProviderConsentDto {
  readonly credentialsId: string;
  readonly accountIds: readonly string[];
  readonly status?: string;
  readonly sessionExpiryDate?: number;
}

export function decodeTinkProviderConsents(value: unknown): readonly TinkProviderConsentDto[] {
  const body = requireRecord(value, 'response');
  return requireArray(body, 'providerConsents', 'response').map((item, index) => {
    const path = `response.providerConsents[${index}]`;
    const consent = requireRecord(item, path);
    const accountIds =
      consent.accountIds === undefined || consent.accountIds === null
        ? []
        : requireArray(consent, 'accountIds', path).map((id, i) => {
            if (typeof id !== 'string')
              throw new PayloadShapeError(`${path}.accountIds[${i}]`, 'a string');
            return id;
          });
    return {
      credentialsId: requireString(consent, 'credentialsId', path),
      accountIds,
      status: optionalString(consent, 'status', path),
      sessionExpiryDate: optionalNumber(consent, 'sessionExpiryDate', path),
    };
  });
}
