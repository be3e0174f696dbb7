export const CONNECTION_STATES = [
  'SCARequired',
  'webauthRequired',
  'additionalInformationNeeded',
  'decoupled',
  'validating',
  'actionNeeded',
  'passwordExpired',
  'wrongpass',
  'rateLimiting',
  'websiteUnavailable',
  'bug',
] as const;

/** `null` = the last sync succeeded. */
export type ConnectionState = (typeof CONNECTION_STATES)[number] | null;

export function isConnectionState(value: unknown): value is ConnectionState {
  return value === null || (CONNECTION_STATES as readonly unknown[]).includes(value);
}

/** Times are epoch milliseconds of the simulated clock. */
export interface SimConnection {
  readonly id: number;
  readonly userId: number;
  readonly connectorId: number;
  readonly connectorUuid: string;
  state: ConnectionState;
  errorMessage: string | null;
  lastUpdate: number | null;
  readonly created: number;
  active: boolean;
  expire: number | null;
  nextTry: number | null;
}

export interface SimAccount {
  readonly id: number;
  readonly connectionId: number;
  readonly userId: number;
  name: string;
  readonly number: string;
  readonly iban: string;
  balance: number;
  readonly currency: string;
  readonly type: string;
  lastUpdate: number;
  deleted: number | null;
  disabled: number | null;
}

export interface SimTransaction {
  readonly id: number;
  readonly accountId: number;
  /** YYYY-MM-DD */
  readonly date: string;
  /** A float, as Powens sends it. */
  readonly value: number;
  readonly wording: string;
  readonly type: string;
  coming: boolean;
  readonly dateScraped: number;
  lastUpdate: number;
  deleted: number | null;
}
