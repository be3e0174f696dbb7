import { abortableSleep } from '../../../infra/async/abortable-sleep';
import { HttpClient, QueryParams } from '../../../infra/http-client';
import { decodeTinkAccountsPage, type TinkAccountDto } from './dto/tink-account.dto';
import {
  decodeTinkCredentials,
  decodeTinkCredentialsList,
  type TinkCredentialsDto,
} from './dto/tink-credentials.dto';
import { decodeTinkTransactionsPage, type TinkTransactionDto } from './dto/tink-transaction.dto';
import {
  decodeTinkProviderConsents,
  type TinkProviderConsentDto,
} from './dto/tink-provider-consent.dto';
import { TinkPaginationError, TinkTokenRejectedError } from './errors/tink-api.errors';
import {
  TinkCredentialRefresher,
  type TinkCredentialsApi,
  type TinkRefreshOptions,
  type TinkRefreshResult,
} from './client/tink-credential.refresher';
import { TinkTokenProvider } from './client/tink-token.provider';
import type { TinkUserRef } from './client/tink-user.ref';
import { TINK_OPERATIONS } from './client/tink-operations.constants';
import type { CallOptions } from '../../sync/bank-sync-provider.port';

/** What the app needs to read and refresh a user's data (Tink's "fetch user data" scopes). */
export const DEFAULT_TINK_USER_SCOPES: readonly string[] = [
  'accounts:read',
  'balances:read',
  'transactions:read',
  'provider-consents:read',
  'credentials:read',
  'credentials:refresh',
];

export interface TinkClientSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default `authorization:grant` (all the client token is used for). */
  readonly clientScopes?: readonly string[];
  readonly userScopes?: readonly string[];
  /** Renew tokens this long before they expire; default 60 s. */
  readonly tokenRenewalMarginMs?: number;
  readonly maxCachedUserTokens?: number;
  /** 1–100; default 100 (Tink's maximum). */
  readonly pageSize?: number;
  /** Safety stop for a paginated listing; default 1000 pages. */
  readonly maxPages?: number;
  /** Credential polling during a refresh; defaults 2 s (Tink advises every 1–2 s) and 60 s. */
  readonly refreshPollIntervalMs?: number;
  readonly refreshDeadlineMs?: number;
}

export interface TinkClientDependencies {
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type TinkTransactionStatusFilter = 'BOOKED' | 'PENDING';

export interface TinkTransactionQuery {
  /** YYYY-MM-DD, inclusive. Pending rows are filtered by their expected booking date. */
  readonly bookedDateGte: string;
  readonly bookedDateLte?: string;
  readonly accountIds?: readonly string[];
  readonly statuses?: readonly TinkTransactionStatusFilter[];
  readonly signal?: AbortSignal;
}

export interface TinkTransactionPage {
  readonly transactions: readonly TinkTransactionDto[];
  /** 1-based. */
  readonly pageNumber: number;
  readonly isLast: boolean;
}

interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string;
}

/** Tink's API as finsync uses it: tokens, accounts, transactions, credentials and refreshes. */
export class TinkClient implements TinkCredentialsApi {
  readonly tokens: TinkTokenProvider;
  private readonly refresher: TinkCredentialRefresher;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(
    private readonly http: HttpClient,
    settings: TinkClientSettings,
    dependencies: TinkClientDependencies = {},
  ) {
    const now = dependencies.now ?? Date.now;
    this.pageSize = Math.min(100, Math.max(1, settings.pageSize ?? 100));
    this.maxPages = settings.maxPages ?? 1_000;
    this.tokens = new TinkTokenProvider(
      http,
      {
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        clientScopes: settings.clientScopes ?? ['authorization:grant'],
        userScopes: settings.userScopes ?? DEFAULT_TINK_USER_SCOPES,
        renewalMarginMs: settings.tokenRenewalMarginMs ?? 60_000,
        maxCachedUserTokens: settings.maxCachedUserTokens ?? 10_000,
      },
      now,
    );
    this.refresher = new TinkCredentialRefresher(this, {
      pollIntervalMs: settings.refreshPollIntervalMs ?? 2_000,
      deadlineMs: settings.refreshDeadlineMs ?? 60_000,
      now,
      sleep: dependencies.sleep ?? abortableSleep,
    });
  }

  async listAccounts(user: TinkUserRef, options: CallOptions = {}): Promise<TinkAccountDto[]> {
    const accounts: TinkAccountDto[] = [];
    for await (const page of this.paginate(
      user,
      TINK_OPERATIONS.listAccounts,
      '/data/v2/accounts',
      {},
      options.signal,
      (data) => {
        const decoded = decodeTinkAccountsPage(data);
        return { items: decoded.accounts, nextPageToken: decoded.nextPageToken };
      },
    )) {
      accounts.push(...page.items);
    }
    return accounts;
  }

  /** Transactions page by page (newest first, as Tink orders them); stop iterating to stop fetching. */
  async *transactionPages(
    user: TinkUserRef,
    query: TinkTransactionQuery,
  ): AsyncIterable<TinkTransactionPage> {
    const filters: QueryParams = {
      bookedDateGte: query.bookedDateGte,
      bookedDateLte: query.bookedDateLte,
      accountIdIn: query.accountIds,
      statusIn: query.statuses,
    };
    let pageNumber = 0;
    for await (const page of this.paginate(
      user,
      TINK_OPERATIONS.listTransactions,
      '/data/v2/transactions',
      filters,
      query.signal,
      (data) => {
        const decoded = decodeTinkTransactionsPage(data);
        return { items: decoded.transactions, nextPageToken: decoded.nextPageToken };
      },
    )) {
      pageNumber += 1;
      yield { transactions: page.items, pageNumber, isLast: page.nextPageToken === '' };
    }
  }

  async listCredentials(
    user: TinkUserRef,
    options: CallOptions = {},
  ): Promise<readonly TinkCredentialsDto[]> {
    return this.getAsUser(
      user,
      TINK_OPERATIONS.listCredentials,
      '/api/v1/credentials/list',
      {},
      options.signal,
      decodeTinkCredentialsList,
    );
  }

  async getCredential(
    user: TinkUserRef,
    credentialId: string,
    options: CallOptions = {},
  ): Promise<TinkCredentialsDto> {
    const path = `/api/v1/credentials/${encodeURIComponent(credentialId)}`;
    return this.getAsUser(user, TINK_OPERATIONS.getCredential, path, {}, options.signal, (data) =>
      decodeTinkCredentials(data),
    );
  }

  /** Consents of the user's credentials (or of one); each names the accounts it covers. */
  async listProviderConsents(
    user: TinkUserRef,
    options: CallOptions & { credentialsId?: string } = {},
  ): Promise<readonly TinkProviderConsentDto[]> {
    return this.getAsUser(
      user,
      TINK_OPERATIONS.listProviderConsents,
      '/api/v1/provider-consents',
      { credentialsId: options.credentialsId },
      options.signal,
      decodeTinkProviderConsents,
    );
  }

  /** Asks Tink to refresh; answers 204 whether or not Tink will actually do it. */
  async requestRefresh(
    user: TinkUserRef,
    credentialId: string,
    options: { userPresent: boolean; signal?: AbortSignal },
  ): Promise<void> {
    await this.asUser(user, (token) =>
      this.http.request({
        method: 'POST',
        path: `/api/v1/credentials/${encodeURIComponent(credentialId)}/refresh`,
        operation: TINK_OPERATIONS.refreshCredential,
        // Safe to repeat: if the first attempt did start a refresh, the next one answers 409 and the
        // refresher follows the running refresh.
        idempotent: true,
        signal: options.signal,
        headers: { authorization: `Bearer ${token}` },
        body: {
          kind: 'json',
          value: {
            userAvailability: {
              userPresent: options.userPresent,
              userAvailableForInteraction: options.userPresent,
            },
          },
        },
      }),
    );
  }

  /** Refresh and wait for the outcome: `refreshed | rate_limited | needs_reauth | refresh_failed`. */
  refreshCredential(
    user: TinkUserRef,
    credentialId: string,
    options: TinkRefreshOptions = {},
  ): Promise<TinkRefreshResult> {
    return this.refresher.refresh(user, credentialId, options);
  }

  private async *paginate<T>(
    user: TinkUserRef,
    operation: string,
    path: string,
    filters: QueryParams,
    signal: AbortSignal | undefined,
    decode: (data: unknown) => Page<T>,
  ): AsyncGenerator<Page<T>, void, undefined> {
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let pages = 1; ; pages += 1) {
      const page = await this.getAsUser(
        user,
        operation,
        path,
        { ...filters, pageSize: this.pageSize, pageToken },
        signal,
        decode,
      );
      yield page;
      if (page.nextPageToken === '') return;
      if (seenTokens.has(page.nextPageToken) || pages >= this.maxPages) {
        throw new TinkPaginationError(
          seenTokens.has(page.nextPageToken)
            ? 'the server repeated a page token'
            : `more than ${this.maxPages} pages`,
          { provider: this.http.provider, operation, method: 'GET', url: path, attempts: 1 },
        );
      }
      seenTokens.add(page.nextPageToken);
      pageToken = page.nextPageToken;
    }
  }

  private getAsUser<T>(
    user: TinkUserRef,
    operation: string,
    path: string,
    query: QueryParams,
    signal: AbortSignal | undefined,
    decode: (data: unknown) => T,
  ): Promise<T> {
    return this.asUser(user, async (token) => {
      const response = await this.http.requestJson(
        {
          method: 'GET',
          path,
          query,
          operation,
          signal,
          headers: { authorization: `Bearer ${token}` },
        },
        decode,
      );
      return response.data;
    });
  }

  /** Runs `call` with the user's token; a 401 means it expired early, so renew once and retry. */
  private async asUser<T>(user: TinkUserRef, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.getUserToken(user);
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof TinkTokenRejectedError)) throw error;
      this.tokens.invalidateUserToken(user);
      return call(await this.tokens.getUserToken(user));
    }
  }
}
