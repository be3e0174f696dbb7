import { randomBytes } from 'node:crypto';

export interface SimClientApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Scopes this app may request. */
  readonly scopes: readonly string[];
}

export interface IssuedToken {
  readonly kind: 'client' | 'user';
  readonly clientId: string;
  readonly userId?: string;
  readonly scopes: ReadonlySet<string>;
  readonly expiresAt: number;
}

export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly scopes: readonly string[];
}

interface AuthorizationCode {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  used: boolean;
}

export interface TokenLifetimes {
  readonly clientTokenSeconds: number;
  readonly userTokenSeconds: number;
  readonly authorizationCodeSeconds: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: IssuedToken }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'expired' };

export type CodeRedemption =
  | { readonly ok: true; readonly grant: TokenGrant; readonly userId: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' | 'wrong_client' };

export function parseScopes(scope: string | undefined): string[] {
  return (scope ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** OAuth state: client apps, issued tokens and single-use authorization codes. */
export class SimAuth {
  private readonly clients = new Map<string, SimClientApp>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    clients: readonly SimClientApp[],
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {
    for (const client of clients) this.clients.set(client.clientId, client);
  }

  authenticateClient(
    clientId: string | undefined,
    secret: string | undefined,
  ): SimClientApp | undefined {
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    return client && client.clientSecret === secret ? client : undefined;
  }

  clientById(clientId: string): SimClientApp | undefined {
    return this.clients.get(clientId);
  }

  /** Scopes the client may not have, from a requested list. */
  disallowedScopes(client: SimClientApp, scopes: readonly string[]): string[] {
    return scopes.filter((scope) => !client.scopes.includes(scope));
  }

  issueClientToken(client: SimClientApp, requested: readonly string[]): TokenGrant {
    const scopes = requested.length > 0 ? requested : client.scopes;
    return this.issue(
      { kind: 'client', clientId: client.clientId, scopes },
      this.lifetimes.clientTokenSeconds,
    );
  }

  issueAuthorizationCode(clientId: string, userId: string, scopes: readonly string[]): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, {
      clientId,
      userId,
      scopes,
      expiresAt: this.now() + this.lifetimes.authorizationCodeSeconds * 1000,
      used: false,
    });
    return code;
  }

  redeemCode(code: string | undefined, clientId: string): CodeRedemption {
    const entry = code === undefined ? undefined : this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'used' };
    if (entry.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    entry.used = true;
    const grant = this.issue(
      { kind: 'user', clientId, userId: entry.userId, scopes: entry.scopes },
      this.lifetimes.userTokenSeconds,
    );
    return { ok: true, grant, userId: entry.userId };
  }

  check(authorizationHeader: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorizationHeader ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const token = this.tokens.get(match[1]);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  /** Invalidates every token of a user (e.g. consent revoked). */
  revokeUserTokens(userId: string): void {
    for (const [value, token] of this.tokens) {
      if (token.userId === userId) this.tokens.delete(value);
    }
  }

  private issue(
    token: {
      kind: 'client' | 'user';
      clientId: string;
      userId?: string;
      scopes: readonly string[];
    },
    lifetimeSeconds: number,
  ): TokenGrant {
    const accessToken = `${token.kind === 'client' ? 'sim-ct' : 'sim-ut'}-${randomBytes(18).toString('base64url')}`;
    this.tokens.set(accessToken, {
      kind: token.kind,
      clientId: token.clientId,
      userId: token.userId,
      scopes: new Set(token.scopes),
      expiresAt: this.now() + lifetimeSeconds * 1000,
    });
    return { accessToken, expiresInSeconds: lifetimeSeconds, scopes: token.scopes };
  }
}
