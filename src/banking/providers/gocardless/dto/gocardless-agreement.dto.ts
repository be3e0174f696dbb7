import { dayCount, optionalText, record, text } from './decode';

export interface GoCardlessAgreement {
  readonly id: string;
  readonly institutionId: string;
  readonly maxHistoricalDays: number | null;
  readonly accessValidForDays: number | null;
  /** When the user consented; `null` until then. Access runs `accessValidForDays` from here. */
  readonly accepted: string | null;
}

export function decodeGoCardlessAgreement(data: unknown): GoCardlessAgreement {
  const body = record(data, 'agreement');
  return {
    id: text(body, 'id', 'agreement'),
    institutionId: text(body, 'institution_id', 'agreement'),
    maxHistoricalDays: dayCount(body, 'max_historical_days', 'agreement'),
    accessValidForDays: dayCount(body, 'access_valid_for_days', 'agreement'),
    accepted: optionalText(body, 'accepted', 'agreement'),
  };
}

/** When the agreement's access ends, or `null` while it has not been accepted. */
export function agreementExpiresAt(agreement: GoCardlessAgreement): Date | null {
  if (!agreement.accepted || agreement.accessValidForDays === null) return null;
  const accepted = Date.parse(agreement.accepted);
  if (Number.isNaN(accepted)) return null;
  return new Date(accepted + agreement.accessValidForDays * 86_400_000);
}
