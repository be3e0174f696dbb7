import type { HttpClient } from '../../../../infra/http-client';
import { decodeGoCardlessTokens } from '../dto/gocardless-token.dto';
import { GoCardlessInvalidTokenError } from '../errors/gocardless-api.errors';
import { GOCARDLESS_OPERATIONS } from './gocardless-operations';
import type { GoCardlessTokenPair, GoCardlessTokenStore } from './gocardless-token.vault';

export interface GoCardlessSecrets {
  readonly secretId: string;
  readonly secretKey: string;
}

/** Renew the access token this long before it expires (so it never dies mid-sync). */
export const ACCESS_RENEWAL_MARGIN_MS = 10 * 60_000;
/** Use `/token/refresh/` only while the refresh token has at least this long left. */
const REFRESH_MARGIN_MS = 60 * 60_000;

/**
 * The app's access token: from memory, else from the shared store, else renewed with the refresh
 * token, else a new pair from `/token/new/`. Concurrent callers share one renewal.
 */
export class GoCardlessTokenProvider {
  private current: GoCardlessTokenPair | null = null;
  private inFlight: Promise<GoCardlessTokenPair> | null = null;
  /** A token the server refused: never taken from the store again. */
  private rejected: string | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly secrets: GoCardlessSecrets,
    private readonly store: GoCardlessTokenStore,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(): Promise<string> {
    if (this.current && this.usable(this.current)) return this.current.access;
    this.inFlight ??= this.obtain(ACCESS_RENEWAL_MARGIN_MS).finally(() => {
      this.inFlight = null;
    });
    this.current = await this.inFlight;
    return this.current.access;
  }

  /** The server said "Invalid token": forget it so the next call renews. */
  invalidate(token: string): void {
    this.rejected = token;
    if (this.current?.access === token) this.current = null;
  }

  /**
   * Renews the pair now when the access token expires within `withinMs` (the hourly job); answers
   * when the access token expires afterwards.
   */
  async renewIfDue(withinMs: number): Promise<Date> {
    this.current = await this.obtain(withinMs);
    return new Date(this.current.accessExpiresAt);
  }

  private usable(pair: GoCardlessTokenPair, marginMs = ACCESS_RENEWAL_MARGIN_MS): boolean {
    return pair.access !== this.rejected && pair.accessExpiresAt - marginMs > this.now();
  }

  private async obtain(marginMs: number): Promise<GoCardlessTokenPair> {
    const stored = await this.store.load();
    if (stored && this.usable(stored, marginMs)) return stored;
    const refreshable =
      stored?.refresh &&
      stored.refreshExpiresAt !== null &&
      stored.refreshExpiresAt - REFRESH_MARGIN_MS > this.now();
    let pair: GoCardlessTokenPair | null = null;
    if (refreshable && stored?.refresh) pair = await this.refreshed(stored).catch(() => null);
    pair ??= await this.minted();
    await this.store.save(pair);
    return pair;
  }

  private async refreshed(stored: GoCardlessTokenPair): Promise<GoCardlessTokenPair> {
    const requestedAt = this.now();
    const { data } = await this.http.requestJson(
      {
        method: 'POST',
        path: '/token/refresh/',
        operation: GOCARDLESS_OPERATIONS.refreshToken,
        idempotent: true,
        body: { kind: 'json', value: { refresh: stored.refresh } },
      },
      decodeGoCardlessTokens,
    );
    return {
      access: data.access,
      accessExpiresAt: requestedAt + data.accessExpires * 1000,
      refresh: data.refresh ?? stored.refresh,
      refreshExpiresAt:
        data.refreshExpires !== null
          ? requestedAt + data.refreshExpires * 1000
          : stored.refreshExpiresAt,
    };
  }

  private async minted(): Promise<GoCardlessTokenPair> {
    const requestedAt = this.now();
    const { data } = await this.http.requestJson(
      {
        method: 'POST',
        path: '/token/new/',
        operation: GOCARDLESS_OPERATIONS.newToken,
        idempotent: true,
        body: {
          kind: 'json',
          value: { secret_id: this.secrets.secretId, secret_key: this.secrets.secretKey },
        },
      },
      decodeGoCardlessTokens,
    );
    return {
      access: data.access,
      accessExpiresAt: requestedAt + data.accessExpires * 1000,
      refresh: data.refresh,
      refreshExpiresAt:
        data.refreshExpires === null ? null : requestedAt + data.refreshExpires * 1000,
    };
  }
}

export function isInvalidToken(error: unknown): boolean {
  return error instanceof GoCardlessInvalidTokenError;
}
