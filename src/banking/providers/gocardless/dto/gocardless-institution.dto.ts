import { dayCount, list, optionalList, optionalText, record, text } from './decode';

export interface GoCardlessInstitution {
  readonly id: string;
  readonly name: string;
  readonly bic: string | null;
  /** How far back the bank serves transactions (sent as a string). */
  readonly transactionTotalDays: number | null;
  /** The longest consent the bank accepts (sent as a string). */
  readonly maxAccessValidForDays: number | null;
  readonly countries: readonly string[];
  readonly logo: string | null;
}

export function decodeGoCardlessInstitution(
  data: unknown,
  path = 'institution',
): GoCardlessInstitution {
  const body = record(data, path);
  return {
    id: text(body, 'id', path),
    name: text(body, 'name', path),
    bic: optionalText(body, 'bic', path),
    transactionTotalDays: dayCount(body, 'transaction_total_days', path),
    maxAccessValidForDays: dayCount(body, 'max_access_valid_for_days', path),
    countries: optionalList(body, 'countries').filter((c): c is string => typeof c === 'string'),
    logo: optionalText(body, 'logo', path),
  };
}

export function decodeGoCardlessInstitutions(data: unknown): GoCardlessInstitution[] {
  if (!Array.isArray(data)) {
    // Tolerate a `{results: []}` envelope as well as the documented bare array.
    return list(record(data, 'institutions'), 'results', 'institutions').map((item, index) =>
      decodeGoCardlessInstitution(item, `institutions[${index}]`),
    );
  }
  return data.map((item, index) => decodeGoCardlessInstitution(item, `institutions[${index}]`));
}
