import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import type {
  BankSyncProvider,
  CallOptions,
  ProviderConnection,
  ProviderHealth,
  ProviderLimits,
  ProviderTokens,
  RefreshRequest,
  RefreshResult,
  RefreshSkipReason,
  RejectedTransaction,
  TransactionPage,
  TransactionQuery,
} from '../../sync/bank-sync-provider.port';
import type { ProviderAccount, ProviderTransaction } from '../../sync/bank-sync.types';
import { SyncFailure } from '../../sync/sync-failure';
import { TinkApiService } from './client/tink-api.service';
import { probeTinkHealth } from './client/tink-health.probe';
import type { TinkUserRef } from './client/tink-user.ref';
import { TinkMappingError } from './errors/tink-mapping.error';
import type { TinkClient } from './tink.client';
import { mapTinkAccount, mapTinkTransaction } from './tink.mapper';
import { tinkConfig } from './tink.config';

const NOT_CONFIGURED = 'Tink is not configured: set TINK_CLIENT_ID and TINK_CLIENT_SECRET';

const SKIP_DETAILS: Record<RefreshSkipReason, string> = {
  recently_refreshed:
    'Tink refreshed this credential recently; read its data without a new refresh',
  budget_exhausted: "the user's daily Tink refresh budget is spent; read the data Tink has",
};

/** Tink behind the bank-sync port: a connection is a Tink credential of a Tink user. */
@Injectable()
export class TinkBankSyncProvider implements BankSyncProvider {
  readonly name = 'tink';
  readonly label = 'Tink';
  readonly syncConcurrency: number;
  readonly limits: ProviderLimits;
  readonly unavailableReason: string | null;
  private readonly client: TinkClient | null;

  constructor(api: TinkApiService, config: AppConfig) {
    const settings = config.get(tinkConfig);
    this.client = api.client;
    this.syncConcurrency = settings.syncConcurrency;
    this.limits = {
      refreshesPerUserPerDay: settings.refreshesPerUserPerDay,
      freshForMs: settings.freshForMs,
      unattendedRefreshAfterMs: settings.skipRefreshWithinMs,
    };
    this.unavailableReason = api.client ? null : NOT_CONFIGURED;
  }

  checkHealth(): Promise<ProviderHealth> {
    if (!this.client) return Promise.resolve({ status: 'not_configured', reason: NOT_CONFIGURED });
    return probeTinkHealth(this.client.tokens);
  }

  async refresh(connection: ProviderConnection, request: RefreshRequest): Promise<RefreshResult> {
    const { client, user } = this.session(connection);
    let skipReason: RefreshSkipReason | undefined;
    const result = await client.refreshCredential(user, connection.externalId, {
      userPresent: request.userPresent,
      signal: request.signal,
      sleep: request.wait,
      beforeRequest: async (credential) => {
        skipReason = await request.beforeRefresh({
          dataRefreshedAt: credential.updated ? new Date(credential.updated) : null,
        });
        return skipReason && SKIP_DETAILS[skipReason];
      },
    });
    return {
      outcome: result.outcome,
      skipReason: result.outcome === 'skipped' ? skipReason : undefined,
      detail: result.detail,
      consentExpiresAt: result.sessionExpiryDate ? new Date(result.sessionExpiryDate) : null,
    };
  }

  /**
   * The accounts this credential gives access to. The user token sees every credential of the
   * Tink user, so the credential's provider consent says which accounts are this connection's.
   */
  async listAccounts(
    connection: ProviderConnection,
    options: CallOptions,
  ): Promise<ProviderAccount[]> {
    const { client, user } = this.session(connection);
    const consents = await client.listProviderConsents(user, {
      credentialsId: connection.externalId,
      signal: options.signal,
    });
    const accountIds = new Set(
      consents
        .filter((consent) => consent.credentialsId === connection.externalId)
        .flatMap((consent) => consent.accountIds),
    );
    const accounts = await client.listAccounts(user, { signal: options.signal });
    return accounts
      .filter((account) => accountIds.has(account.id))
      .map((account) => mapTinkAccount(account));
  }

  async *transactionPages(
    connection: ProviderConnection,
    query: TransactionQuery,
  ): AsyncIterable<TransactionPage> {
    const { client, user } = this.session(connection);
    for await (const page of client.transactionPages(user, {
      bookedDateGte: query.since,
      accountIds: [query.accountExternalId],
      signal: query.signal,
    })) {
      const transactions: ProviderTransaction[] = [];
      const rejected: RejectedTransaction[] = [];
      for (const row of page.transactions) {
        try {
          transactions.push(mapTinkTransaction(row));
        } catch (error) {
          if (!(error instanceof TinkMappingError)) throw error;
          rejected.push({ providerTxKey: row.id, reason: error.message });
        }
      }
      yield { transactions, rejected };
    }
  }

  async renewTokens(connection: ProviderConnection): Promise<ProviderTokens | null> {
    const { client, user } = this.session(connection);
    await client.tokens.getUserToken(user);
    const token = client.tokens.cachedUserToken(user);
    return token ? { accessToken: token.value, expiresAt: new Date(token.expiresAt) } : null;
  }

  /** The client and the Tink user, with a stored user token handed to the token cache. */
  private session(connection: ProviderConnection): { client: TinkClient; user: TinkUserRef } {
    if (!this.client) throw new SyncFailure('error', this.unavailableReason ?? 'Tink unavailable');
    if (!connection.providerUserId) {
      throw new SyncFailure('error', `connection ${connection.id} has no Tink user id`);
    }
    const user: TinkUserRef = { userId: connection.providerUserId };
    const stored = connection.tokens;
    if (stored?.expiresAt) {
      this.client.tokens.adoptUserToken(user, {
        value: stored.accessToken,
        expiresAt: stored.expiresAt.getTime(),
      });
    }
    return { client: this.client, user };
  }
}
