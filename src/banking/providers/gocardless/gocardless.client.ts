import type { HttpClient, HttpRequest, ResponseDecoder } from '../../../infra/http-client';
import type { CallOptions } from '../../sync/bank-sync-provider.port';
import { ApiLimitGate } from './client/api-limit-gate';
import { GOCARDLESS_OPERATIONS } from './client/gocardless-operations';
import {
  readGoCardlessRateHeaders,
  type GoCardlessRateHeaders,
} from './client/gocardless-rate-headers';
import { GoCardlessTokenProvider } from './client/gocardless-token.provider';
import {
  decodeGoCardlessAccountDetails,
  decodeGoCardlessAccountMetadata,
  decodeGoCardlessBalances,
  type GoCardlessAccountDetails,
  type GoCardlessAccountMetadata,
  type GoCardlessBalance,
} from './dto/gocardless-account.dto';
import {
  decodeGoCardlessAgreement,
  type GoCardlessAgreement,
} from './dto/gocardless-agreement.dto';
import {
  decodeGoCardlessInstitution,
  decodeGoCardlessInstitutions,
  type GoCardlessInstitution,
} from './dto/gocardless-institution.dto';
import {
  decodeGoCardlessRequisition,
  type GoCardlessRequisition,
} from './dto/gocardless-requisition.dto';
import {
  decodeGoCardlessTransactions,
  type GoCardlessTransactions,
} from './dto/gocardless-transaction.dto';
import {
  GoCardlessAgreementRejectedError,
  GoCardlessInvalidTokenError,
  rateHeadersOf,
} from './errors/gocardless-api.errors';

/** An answer of an account data endpoint, with the rate-limit state its headers gave. */
export interface MeteredAnswer<T> {
  readonly data: T;
  readonly rate: GoCardlessRateHeaders;
}

export interface NewRequisition {
  readonly institutionId: string;
  readonly agreementId: string;
  readonly redirect: string;
  readonly reference: string;
}

/** Day pairs tried, in order, when a bank refuses the agreement's days (the documented 400). */
const AGREEMENT_FALLBACKS: readonly { history: number; access: number }[] = [
  { history: 90, access: 90 },
  { history: 89, access: 89 },
];
const INSTITUTIONS_TTL_MS = 6 * 3_600_000;
const DEFAULT_DAYS = 90;

/**
 * GoCardless Bank Account Data v2 as finsync uses it. Every call carries the app's access token; a
 * 401 "Invalid token" renews it once and retries. Account data calls are never resent by the HTTP
 * layer after a 5xx (each failed call counts towards the bank's suspension); the sync retries later.
 */
export class GoCardlessClient {
  /** Account data calls share one API-level limit (100 a minute per company by default). */
  private readonly accountsGate: ApiLimitGate;
  private readonly institutionCache = new Map<
    string,
    { at: number; institutions: GoCardlessInstitution[] }
  >();

  constructor(
    private readonly http: HttpClient,
    readonly tokens: GoCardlessTokenProvider,
    private readonly now: () => number = Date.now,
  ) {
    this.accountsGate = new ApiLimitGate(now);
  }

  /** Banks of a country; cached for 6 h (they change rarely and the call has its own limit). */
  async institutions(country: string, options: CallOptions = {}): Promise<GoCardlessInstitution[]> {
    const key = country.toUpperCase();
    const cached = this.institutionCache.get(key);
    if (cached && this.now() - cached.at < INSTITUTIONS_TTL_MS) return cached.institutions;
    const { data } = await this.call(
      {
        method: 'GET',
        path: '/institutions/',
        query: { country: key },
        operation: GOCARDLESS_OPERATIONS.institutions,
        signal: options.signal,
      },
      decodeGoCardlessInstitutions,
    );
    this.institutionCache.set(key, { at: this.now(), institutions: data });
    return data;
  }

  async institution(id: string, options: CallOptions = {}): Promise<GoCardlessInstitution> {
    const { data } = await this.call(
      {
        method: 'GET',
        path: `/institutions/${encodeURIComponent(id)}/`,
        operation: GOCARDLESS_OPERATIONS.institution,
        signal: options.signal,
      },
      (body) => decodeGoCardlessInstitution(body),
    );
    return data;
  }

  /**
   * An agreement with the bank's own limits (history up to `transaction_total_days`, access up to
   * `max_access_valid_for_days`); when the bank refuses those days, 90/90 and then 89/89.
   */
  async createAgreement(
    institution: GoCardlessInstitution,
    options: CallOptions = {},
  ): Promise<GoCardlessAgreement> {
    const attempts = [
      {
        history: institution.transactionTotalDays ?? DEFAULT_DAYS,
        access: institution.maxAccessValidForDays ?? DEFAULT_DAYS,
      },
      ...AGREEMENT_FALLBACKS,
    ];
    for (let index = 0; ; index += 1) {
      const days = attempts[index];
      try {
        const { data } = await this.call(
          {
            method: 'POST',
            path: '/agreements/enduser/',
            operation: GOCARDLESS_OPERATIONS.createAgreement,
            signal: options.signal,
            body: {
              kind: 'json',
              value: {
                institution_id: institution.id,
                max_historical_days: days.history,
                access_valid_for_days: days.access,
                access_scope: ['balances', 'details', 'transactions'],
              },
            },
          },
          decodeGoCardlessAgreement,
        );
        return data;
      } catch (error) {
        const last = index === attempts.length - 1;
        if (!(error instanceof GoCardlessAgreementRejectedError) || last) throw error;
      }
    }
  }

  async agreement(id: string, options: CallOptions = {}): Promise<GoCardlessAgreement> {
    const { data } = await this.call(
      {
        method: 'GET',
        path: `/agreements/enduser/${encodeURIComponent(id)}/`,
        operation: GOCARDLESS_OPERATIONS.agreement,
        signal: options.signal,
      },
      decodeGoCardlessAgreement,
    );
    return data;
  }

  async createRequisition(
    input: NewRequisition,
    options: CallOptions = {},
  ): Promise<GoCardlessRequisition> {
    const { data } = await this.call(
      {
        method: 'POST',
        path: '/requisitions/',
        operation: GOCARDLESS_OPERATIONS.createRequisition,
        signal: options.signal,
        body: {
          kind: 'json',
          value: {
            redirect: input.redirect,
            institution_id: input.institutionId,
            agreement: input.agreementId,
            reference: input.reference,
          },
        },
      },
      decodeGoCardlessRequisition,
    );
    return data;
  }

  async requisition(id: string, options: CallOptions = {}): Promise<GoCardlessRequisition> {
    const { data } = await this.call(
      {
        method: 'GET',
        path: `/requisitions/${encodeURIComponent(id)}/`,
        operation: GOCARDLESS_OPERATIONS.requisition,
        signal: options.signal,
      },
      decodeGoCardlessRequisition,
    );
    return data;
  }

  async deleteRequisition(id: string, options: CallOptions = {}): Promise<void> {
    await this.call(
      {
        method: 'DELETE',
        path: `/requisitions/${encodeURIComponent(id)}/`,
        operation: GOCARDLESS_OPERATIONS.deleteRequisition,
        signal: options.signal,
      },
      () => undefined,
    );
  }

  /** GoCardless' own record of the account (status); spends no bank budget. */
  accountMetadata(
    id: string,
    options: CallOptions = {},
  ): Promise<MeteredAnswer<GoCardlessAccountMetadata>> {
    return this.accountCall(id, '', GOCARDLESS_OPERATIONS.accountMetadata, {}, options, (data) =>
      decodeGoCardlessAccountMetadata(data),
    );
  }

  accountDetails(
    id: string,
    options: CallOptions = {},
  ): Promise<MeteredAnswer<GoCardlessAccountDetails>> {
    return this.accountCall(
      id,
      'details/',
      GOCARDLESS_OPERATIONS.accountDetails,
      {},
      options,
      decodeGoCardlessAccountDetails,
    );
  }

  accountBalances(
    id: string,
    options: CallOptions = {},
  ): Promise<MeteredAnswer<GoCardlessBalance[]>> {
    return this.accountCall(
      id,
      'balances/',
      GOCARDLESS_OPERATIONS.accountBalances,
      {},
      options,
      decodeGoCardlessBalances,
    );
  }

  /** Booked and pending rows in one answer (no pagination); dates are inclusive YYYY-MM-DD. */
  accountTransactions(
    id: string,
    window: { dateFrom: string; dateTo?: string },
    options: CallOptions = {},
  ): Promise<MeteredAnswer<GoCardlessTransactions>> {
    return this.accountCall(
      id,
      'transactions/',
      GOCARDLESS_OPERATIONS.accountTransactions,
      { date_from: window.dateFrom, date_to: window.dateTo },
      options,
      decodeGoCardlessTransactions,
    );
  }

  private async accountCall<T>(
    id: string,
    suffix: string,
    operation: string,
    query: Record<string, string | undefined>,
    options: CallOptions,
    decode: ResponseDecoder<T>,
  ): Promise<MeteredAnswer<T>> {
    await this.accountsGate.pass(options.signal);
    let response;
    try {
      response = await this.call(
        {
          method: 'GET',
          path: `/accounts/${encodeURIComponent(id)}/${suffix}`,
          query,
          operation,
          signal: options.signal,
          // A failed account call counts towards the bank's suspension: never resent here.
          idempotent: false,
        },
        decode,
      );
    } catch (error) {
      this.accountsGate.observe(rateHeadersOf(error)?.api ?? null);
      throw error;
    }
    const rate = readGoCardlessRateHeaders(response.headers);
    this.accountsGate.observe(rate.api);
    return { data: response.data, rate };
  }

  /** One call with the app token; a 401 "Invalid token" renews it and retries once. */
  private async call<T>(request: HttpRequest, decode: ResponseDecoder<T>) {
    const token = await this.tokens.accessToken();
    try {
      return await this.http.requestJson({ ...request, headers: bearer(token) }, decode);
    } catch (error) {
      if (!(error instanceof GoCardlessInvalidTokenError)) throw error;
      this.tokens.invalidate(token);
      const renewed = await this.tokens.accessToken();
      return this.http.requestJson({ ...request, headers: bearer(renewed) }, decode);
    }
  }
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
