import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt, type JwtClaims } from './sim-jwt';

export interface CompanySecret {
  readonly secretId: string;
  readonly secretKey: string;
}

export interface TokenLifetimes {
  /** Default 86400 (24 h). */
  readonly accessSeconds: number;
  /** Default 2592000 (30 d). */
  readonly refreshSeconds: number;
}

export interface TokenPair {
  readonly access: string;
  readonly access_expires: number;
  readonly refresh: string;
  readonly refresh_expires: number;
}

export type TokenCheck = 'valid' | 'missing' | 'invalid';

/** JWT pairs for company secrets; expiry is judged on the simulated clock. */
export class SimTokens {
  private key = randomBytes(32);
  private nextJti = 1;

  constructor(
    private readonly secrets: readonly CompanySecret[],
    readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  /** `null` when the secrets match no company. */
  issuePair(secretId: string, secretKey: string): TokenPair | null {
    const known = this.secrets.some(
      (secret) => secret.secretId === secretId && secret.secretKey === secretKey,
    );
    if (!known) return null;
    return {
      access: this.mint('access', secretId, this.lifetimes.accessSeconds),
      access_expires: this.lifetimes.accessSeconds,
      refresh: this.mint('refresh', secretId, this.lifetimes.refreshSeconds),
      refresh_expires: this.lifetimes.refreshSeconds,
    };
  }

  /** A new access token for a live refresh token, else `null`. */
  refresh(refreshToken: string): { access: string; access_expires: number } | null {
    const claims = this.liveClaims(refreshToken, 'refresh');
    if (!claims) return null;
    return {
      access: this.mint('access', claims.secret_id, this.lifetimes.accessSeconds),
      access_expires: this.lifetimes.accessSeconds,
    };
  }

  check(authorization: string | undefined): TokenCheck {
    if (!authorization) return 'missing';
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return 'invalid';
    return this.liveClaims(match[1], 'access') ? 'valid' : 'invalid';
  }

  /** Every token issued so far stops working (a new signing key). */
  invalidateAll(): void {
    this.key = randomBytes(32);
  }

  private liveClaims(token: string, type: JwtClaims['token_type']): JwtClaims | null {
    const claims = verifyJwt(token, this.key);
    if (!claims || claims.token_type !== type) return null;
    return claims.exp * 1000 > this.now() ? claims : null;
  }

  private mint(type: JwtClaims['token_type'], secretId: string, seconds: number): string {
    const issuedAt = Math.floor(this.now() / 1000);
    const jti = String(this.nextJti);
    this.nextJti += 1;
    return signJwt(
      { token_type: type, exp: issuedAt + seconds, iat: issuedAt, jti, secret_id: secretId },
      this.key,
    );
  }
}
