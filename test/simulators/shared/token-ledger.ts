import { SeededRandom } from '../../utils/seeded-random';

export interface AccessToken {
  readonly value: string;
  /** The account (member, user, page) the token acts for. */
  readonly subject: string;
  /** Free label the platform uses: `user`, `app`, `page`… */
  readonly kind: string;
  /** `null` = never expires (Meta page tokens). */
  expiresAt: number | null;
  revoked: boolean;
}

export interface RefreshToken {
  readonly value: string;
  readonly subject: string;
  readonly expiresAt: number;
  spent: boolean;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: AccessToken }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

export type RefreshCheck =
  | { readonly ok: true; readonly token: RefreshToken }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'spent' | 'revoked' };

/**
 * Access and refresh tokens of one platform, on the simulator's clock. How a refresh behaves
 * (rotating or not, sliding or not) is the platform's business; this only keeps the facts.
 */
export class TokenLedger {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly random: SeededRandom;

  constructor(
    private readonly prefix: string,
    private readonly now: () => number,
    seed = 11,
  ) {
    this.random = new SeededRandom(seed);
  }

  issueAccess(subject: string, kind: string, lifetimeMs: number | null): AccessToken {
    const token: AccessToken = {
      value: `${this.prefix}-${kind}-${this.random.hex(24)}`,
      subject,
      kind,
      expiresAt: lifetimeMs === null ? null : this.now() + lifetimeMs,
      revoked: false,
    };
    this.access.set(token.value, token);
    return token;
  }

  issueRefresh(subject: string, expiresAt: number): RefreshToken {
    const token: RefreshToken = {
      value: `${this.prefix}-refresh-${this.random.hex(24)}`,
      subject,
      expiresAt,
      spent: false,
    };
    this.refresh.set(token.value, token);
    return token;
  }

  check(value: string | undefined): TokenCheck {
    if (!value) return { ok: false, reason: 'missing' };
    const token = this.access.get(value);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.revoked) return { ok: false, reason: 'revoked' };
    if (token.expiresAt !== null && token.expiresAt <= this.now()) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, token };
  }

  checkRefresh(value: string | undefined): RefreshCheck {
    const token = value === undefined ? undefined : this.refresh.get(value);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.spent) return { ok: false, reason: 'spent' };
    if (token.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  /** Every access token of the subject (or the one token) expires now. Returns how many. */
  expire(subjectOrToken: string): number {
    return this.matching(subjectOrToken).map((token) => (token.expiresAt = this.now() - 1)).length;
  }

  /** Every access token of the subject (or the one token) is revoked. Returns how many. */
  revoke(subjectOrToken: string): number {
    return this.matching(subjectOrToken).map((token) => (token.revoked = true)).length;
  }

  private matching(subjectOrToken: string): AccessToken[] {
    return [...this.access.values()].filter(
      (token) => token.value === subjectOrToken || token.subject === subjectOrToken,
    );
  }
}
