import { SeededRandom } from '../../utils/seeded-random';

export interface SimClientApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type TokenKind = 'permanent' | 'temporary';

export interface SimToken {
  readonly value: string;
  readonly userId: number;
  readonly kind: TokenKind;
  /** Epoch ms; `null` for permanent tokens. */
  readonly expiresAt: number | null;
}

interface SimCode {
  readonly userId: number;
  readonly access: 'single' | 'standard';
  readonly expiresAt: number;
  used: boolean;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: SimToken }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'expired' };

/** 30 minutes: temporary tokens and codes (Powens' documented lifetime). */
export const TEMPORARY_SECONDS = 1800;

/** Users, permanent and temporary tokens, temporary codes. */
export class SimAuth {
  private readonly tokens = new Map<string, SimToken>();
  private readonly codes = new Map<string, SimCode>();
  private readonly users = new Map<number, { readonly signin: number }>();
  private nextUserId = 1;
  private random: SeededRandom;

  constructor(
    private readonly clients: readonly SimClientApp[],
    private readonly now: () => number,
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed);
  }

  reset(): void {
    this.tokens.clear();
    this.codes.clear();
    this.users.clear();
    this.nextUserId = 1;
    this.random = new SeededRandom(this.seed);
  }

  knowsClient(clientId: unknown, clientSecret: unknown): boolean {
    return this.clients.some((c) => c.clientId === clientId && c.clientSecret === clientSecret);
  }

  knowsClientId(clientId: unknown): boolean {
    return this.clients.some((c) => c.clientId === clientId);
  }

  hasUser(userId: number): boolean {
    return this.users.has(userId);
  }

  createUser(): number {
    const id = this.nextUserId++;
    this.users.set(id, { signin: this.now() });
    return id;
  }

  /** Webhooks go to permanent users only. */
  isPermanentUser(userId: number): boolean {
    return [...this.tokens.values()].some((t) => t.userId === userId && t.kind === 'permanent');
  }

  issueToken(userId: number, kind: TokenKind): SimToken {
    const token: SimToken = {
      value: this.random.hex(40),
      userId,
      kind,
      expiresAt: kind === 'temporary' ? this.now() + TEMPORARY_SECONDS * 1000 : null,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /** Drops every permanent token of the user but `keep`. */
  revokeOthers(userId: number, keep: string): void {
    for (const token of this.tokens.values()) {
      if (token.userId === userId && token.kind === 'permanent' && token.value !== keep) {
        this.tokens.delete(token.value);
      }
    }
  }

  revoke(value: string): void {
    this.tokens.delete(value);
  }

  issueCode(userId: number, access: 'single' | 'standard'): string {
    const code = this.random.hex(32);
    this.codes.set(code, {
      userId,
      access,
      expiresAt: this.now() + TEMPORARY_SECONDS * 1000,
      used: false,
    });
    return code;
  }

  /** The user a code stands for, spending it when single-use; `undefined` when unusable. */
  redeemCode(code: unknown): number | undefined {
    if (typeof code !== 'string') return undefined;
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.now()) return undefined;
    if (entry.access === 'single') entry.used = true;
    return entry.userId;
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const token = this.tokens.get(match[1]);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.expiresAt !== null && token.expiresAt <= this.now()) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, token };
  }
}
