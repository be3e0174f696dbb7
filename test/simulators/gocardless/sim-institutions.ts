/** An institution as `/institutions/{id}/` returns it; the day limits are strings on the wire. */
export interface SimInstitution {
  readonly id: string;
  readonly name: string;
  readonly bic: string;
  readonly transaction_total_days: string;
  readonly max_access_valid_for_days: string;
  readonly countries: readonly string[];
  readonly logo: string;
  readonly supported_payments: Record<string, unknown>;
  readonly supported_features: readonly string[];
}

const EEA = ['AT', 'BE', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'NL', 'PL', 'SE'];
const logo = (id: string): string => `https://cdn-logos.gocardless.com/ais/${id}.png`;

export const SANDBOX_INSTITUTION_ID = 'SANDBOXFINANCE_SFIN0000';
/** 90 days of history, 90 days of access: the common strict bank. */
export const STRICT_INSTITUTION_ID = 'STRICTBANK_STRKGB2L';
/** 730 days of history, 180 days of access. */
export const LONG_ACCESS_INSTITUTION_ID = 'LONGBANK_LONGDEFF';

export const INSTITUTIONS: readonly SimInstitution[] = [
  {
    id: SANDBOX_INSTITUTION_ID,
    name: 'Sandbox Finance',
    bic: 'SFIN0000',
    transaction_total_days: '730',
    max_access_valid_for_days: '180',
    countries: EEA,
    logo: logo('sandboxfinance'),
    supported_payments: {},
    supported_features: ['account_selection', 'pending_transactions', 'private_accounts'],
  },
  {
    id: STRICT_INSTITUTION_ID,
    name: 'Strict Bank',
    bic: 'STRKGB2L',
    transaction_total_days: '90',
    max_access_valid_for_days: '90',
    countries: ['GB'],
    logo: logo('strictbank'),
    supported_payments: {},
    supported_features: ['pending_transactions', 'private_accounts', 'business_accounts'],
  },
  {
    id: LONG_ACCESS_INSTITUTION_ID,
    name: 'Long Access Bank',
    bic: 'LONGDEFF',
    transaction_total_days: '730',
    max_access_valid_for_days: '180',
    countries: ['DE', 'AT'],
    logo: logo('longbank'),
    supported_payments: {},
    supported_features: [
      'access_scopes',
      'pending_transactions',
      'private_accounts',
      'separate_continuous_history_consent',
    ],
  },
];

export function findInstitution(id: string): SimInstitution | undefined {
  return INSTITUTIONS.find((institution) => institution.id === id);
}

export const historyDaysOf = (institution: SimInstitution): number =>
  Number(institution.transaction_total_days);

export const accessDaysOf = (institution: SimInstitution): number =>
  Number(institution.max_access_valid_for_days);

/** The list form leaves out what only the detail form carries. */
export function listedInstitution(institution: SimInstitution): Record<string, unknown> {
  const { id, name, bic, transaction_total_days, max_access_valid_for_days, countries } =
    institution;
  return {
    id,
    name,
    bic,
    transaction_total_days,
    max_access_valid_for_days,
    countries,
    logo: institution.logo,
  };
}
