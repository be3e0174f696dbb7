import { sqlDateTime } from './sim-clock';
import type { SimAccount, SimConnection, SimTransaction } from './sim-types';

const CURRENCIES: Record<string, { name: string; symbol: string }> = {
  EUR: { name: 'Euro', symbol: '€' },
  GBP: { name: 'Pound sterling', symbol: '£' },
  USD: { name: 'US Dollar', symbol: '$' },
};

const ACCOUNT_TYPE_IDS: Record<string, number> = { checking: 2, savings: 1, card: 4, loan: 7 };

const orNull = (ms: number | null): string | null => (ms === null ? null : sqlDateTime(ms));

/** Powens' `Connection`; `error` (the deprecated alias) only when there is a state to alias. */
export function renderConnection(connection: SimConnection): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: connection.id,
    id_user: connection.userId,
    id_connector: connection.connectorId,
    connector_uuid: connection.connectorUuid,
    state: connection.state,
    error_message: connection.errorMessage,
    fields: needsFields(connection) ? [passwordField()] : null,
    last_update: orNull(connection.lastUpdate),
    created: sqlDateTime(connection.created),
    active: connection.active,
    last_push: orNull(connection.lastUpdate),
    expire: orNull(connection.expire),
    next_try: orNull(connection.nextTry),
  };
  if (connection.state !== null) rendered.error = connection.state;
  return rendered;
}

export function renderSource(connection: SimConnection): Record<string, unknown> {
  return {
    id: connection.id,
    id_connection: connection.id,
    id_connector_source: 1,
    name: 'openapi',
    state: connection.state,
    last_update: orNull(connection.lastUpdate),
    disabled: null,
    created: sqlDateTime(connection.created),
    next_try: orNull(connection.nextTry),
    access_expire: orNull(connection.expire),
  };
}

export function renderAccount(account: SimAccount): Record<string, unknown> {
  const currency = CURRENCIES[account.currency] ?? { name: account.currency, symbol: '' };
  return {
    id: account.id,
    id_connection: account.connectionId,
    id_user: account.userId,
    id_source: account.connectionId,
    id_parent: null,
    number: account.number,
    iban: account.iban,
    original_name: account.name,
    name: account.name,
    balance: account.balance,
    coming: 0,
    currency: { id: account.currency, precision: 2, ...currency },
    type: account.type,
    id_type: ACCOUNT_TYPE_IDS[account.type] ?? 2,
    usage: 'PRIV',
    display: true,
    bookmarked: false,
    disabled: orNull(account.disabled),
    deleted: orNull(account.deleted),
    last_update: sqlDateTime(account.lastUpdate),
    loan: null,
  };
}

export function renderTransaction(tx: SimTransaction): Record<string, unknown> {
  return {
    id: tx.id,
    id_account: tx.accountId,
    application_date: tx.date,
    date: tx.date,
    datetime: null,
    rdate: tx.date,
    rdatetime: null,
    vdate: tx.date,
    bdate: tx.coming ? null : tx.date,
    value: tx.value,
    gross_value: tx.value,
    original_value: null,
    original_currency: null,
    commission: null,
    type: tx.type,
    wording: tx.wording,
    original_wording: tx.wording,
    simplified_wording: tx.wording,
    // Observed on the wire though undocumented: clients must tolerate unknown fields.
    stemmed_wording: tx.wording.toLowerCase(),
    formatted_value: `${tx.value.toFixed(2).replace('.', ',')} €`,
    state: 'parsed',
    id_category: 9998,
    date_scraped: sqlDateTime(tx.dateScraped),
    coming: tx.coming,
    active: true,
    card: null,
    country: null,
    counterparty: null,
    comment: null,
    last_update: sqlDateTime(tx.lastUpdate),
    deleted: orNull(tx.deleted),
  };
}

function needsFields(connection: SimConnection): boolean {
  return connection.state === 'wrongpass' || connection.state === 'additionalInformationNeeded';
}

function passwordField(): Record<string, unknown> {
  return {
    name: 'password',
    label: 'Mot de passe',
    type: 'password',
    auth_mechanisms: ['credentials'],
    required: true,
  };
}
