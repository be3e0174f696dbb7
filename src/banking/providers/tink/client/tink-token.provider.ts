import { HttpClientError, RequestCancelledError } from '../../../../infra/http-client';
import type { HttpClient } from '../../../../infra/http-client';
import { decodeTinkAuthorizationCode, decodeTinkTokenResponse } from '../dto/tink-oauth.dto';
import { TinkTokenRejectedError } from '../errors/tink-api.errors';
import { TINK_OPERATIONS } from './tink-operations.constants';
import { TinkUserRef, tinkUserKey } from './tink-user.ref';

export interface TinkTokenSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Scopes of the client token; it is only used to mint user codes. */
  readonly clientScopes: readonly string[];
  /** Scopes of user tokens (data and credential calls). */
  readonly userScopes: readonly string[];
  /** Renew a token this long before it expires so it never expires mid-request. */
  readonly renewalMarginMs: number;
  /** Upper bound of cached user tokens (oldest evicted first). */
  readonly maxCachedUserTokens: number;
}

/** Codes minted for one user token when exchanges fail on the way (5xx, reset, timeout, cut body). */
const USER_TOKEN_TRIES = 3;

export interface CachedToken {
  readonly value: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * Client and user access tokens, cached until shortly before expiry. Concurrent callers share one
 * in-flight request per token. User tokens come from authorization-grant + authorization_code,
 * since Tink issues no refresh tokens.
 */
export class TinkTokenProvider {
  private clientToken: CachedToken | undefined;
  private clientTokenInFlight: Promise<CachedToken> | undefined;
  private readonly userTokens = new Map<string, CachedToken>();
  private readonly userTokensInFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly http: HttpClient,
    private readonly settings: TinkTokenSettings,
    private readonly now: () => number,
  ) {}

  /**
   * Token fetches are shared by concurrent callers, so they take no caller signal; they are
   * bounded by the HTTP client's timeouts and retries instead.
   */
  async getClientToken(): Promise<string> {
    if (this.clientToken && this.isFresh(this.clientToken)) return this.clientToken.value;
    this.clientTokenInFlight ??= this.fetchClientToken().finally(() => {
      this.clientTokenInFlight = undefined;
    });
    this.clientToken = await this.clientTokenInFlight;
    return this.clientToken.value;
  }

  async getUserToken(user: TinkUserRef): Promise<string> {
    const key = tinkUserKey(user);
    const cached = this.userTokens.get(key);
    if (cached && this.isFresh(cached)) return cached.value;
    let inFlight = this.userTokensInFlight.get(key);
    if (!inFlight) {
      inFlight = this.fetchUserToken(user).finally(() => this.userTokensInFlight.delete(key));
      this.userTokensInFlight.set(key, inFlight);
    }
    const token = await inFlight;
    this.remember(key, token);
    return token.value;
  }

  /**
   * A user token kept elsewhere (e.g. sealed in the database by another instance); ignored when it
   * is about to expire or older than the one already cached.
   */
  adoptUserToken(user: TinkUserRef, token: CachedToken): void {
    const key = tinkUserKey(user);
    const cached = this.userTokens.get(key);
    if (!this.isFresh(token) || (cached && cached.expiresAt >= token.expiresAt)) return;
    this.remember(key, token);
  }

  /** The cached user token, if it is still fresh (to persist it). */
  cachedUserToken(user: TinkUserRef): CachedToken | undefined {
    const cached = this.userTokens.get(tinkUserKey(user));
    return cached && this.isFresh(cached) ? cached : undefined;
  }

  /** Forget a token the server rejected, so the next call mints a new one. */
  invalidateUserToken(user: TinkUserRef): void {
    this.userTokens.delete(tinkUserKey(user));
  }

  invalidateClientToken(): void {
    this.clientToken = undefined;
  }

  private isFresh(token: CachedToken): boolean {
    return token.expiresAt - this.settings.renewalMarginMs > this.now();
  }

  private remember(key: string, token: CachedToken): void {
    this.userTokens.delete(key);
    this.userTokens.set(key, token);
    while (this.userTokens.size > this.settings.maxCachedUserTokens) {
      const oldest = this.userTokens.keys().next().value;
      if (oldest === undefined) break;
      this.userTokens.delete(oldest);
    }
  }

  private async fetchClientToken(): Promise<CachedToken> {
    const requestedAt = this.now();
    const { data: token } = await this.http.requestJson(
      {
        method: 'POST',
        path: '/api/v1/oauth/token',
        operation: TINK_OPERATIONS.clientToken,
        idempotent: true,
        body: {
          kind: 'form',
          value: {
            client_id: this.settings.clientId,
            client_secret: this.settings.clientSecret,
            grant_type: 'client_credentials',
            scope: this.settings.clientScopes.join(','),
          },
        },
      },
      decodeTinkTokenResponse,
    );
    return { value: token.accessToken, expiresAt: requestedAt + token.expiresInSeconds * 1000 };
  }

  /**
   * A code works once, so its exchange is never resent; when the exchange fails in a way that may
   * pass (the answer was lost or broken), a fresh code is minted and exchanged instead.
   */
  private async fetchUserToken(user: TinkUserRef): Promise<CachedToken> {
    for (let tries = 1; ; tries += 1) {
      const code = await this.withClientToken((clientToken) =>
        this.requestUserCode(user, clientToken),
      );
      try {
        return await this.exchangeCode(code);
      } catch (error) {
        const transient =
          error instanceof HttpClientError &&
          error.classification === 'retryable' &&
          !(error instanceof RequestCancelledError);
        if (!transient || tries >= USER_TOKEN_TRIES) throw error;
      }
    }
  }

  private async exchangeCode(code: string): Promise<CachedToken> {
    const requestedAt = this.now();
    const { data: token } = await this.http.requestJson(
      {
        method: 'POST',
        path: '/api/v1/oauth/token',
        operation: TINK_OPERATIONS.userToken,
        // A code is single-use: never resend it blindly.
        idempotent: false,
        body: {
          kind: 'form',
          value: {
            client_id: this.settings.clientId,
            client_secret: this.settings.clientSecret,
            grant_type: 'authorization_code',
            code,
          },
        },
      },
      decodeTinkTokenResponse,
    );
    return { value: token.accessToken, expiresAt: requestedAt + token.expiresInSeconds * 1000 };
  }

  private async requestUserCode(user: TinkUserRef, clientToken: string): Promise<string> {
    const { data: code } = await this.http.requestJson(
      {
        method: 'POST',
        path: '/api/v1/oauth/authorization-grant',
        operation: TINK_OPERATIONS.authorizationGrant,
        idempotent: true,
        headers: { authorization: `Bearer ${clientToken}` },
        body: {
          kind: 'form',
          value: {
            ...('userId' in user
              ? { user_id: user.userId }
              : { external_user_id: user.externalUserId }),
            scope: this.settings.userScopes.join(','),
          },
        },
      },
      decodeTinkAuthorizationCode,
    );
    return code;
  }

  /** Runs `call` with the client token; on 401 renews it once (it may have expired server-side). */
  private async withClientToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getClientToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof TinkTokenRejectedError)) throw error;
      this.invalidateClientToken();
      return call(await this.getClientToken());
    }
  }
}
