import { DAY_MS, PlatformControl } from '../shared';
import { X_ACCESS_TOKEN_MS } from './x-routes';
import type { XCounters, XLimits, XSettings, XState } from './x-state';
import type { XPost, XPostInput } from './x-store';

export interface XGrant {
  readonly userId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: number;
}

/** Refresh tokens with `offline.access`; X does not publish their lifetime, so a long one. */
const REFRESH_TOKEN_DAYS = 180;

/** In-process control of a running X simulator. */
export class XSimulatorControl extends PlatformControl<XCounters> {
  constructor(
    base: ConstructorParameters<typeof PlatformControl>,
    private readonly state: XState,
  ) {
    super(...base);
  }

  /** The user authorized the app (PKCE, `offline.access`): a 2-hour token and a refresh token. */
  authorizeUser(userId: string): XGrant {
    this.state.store.addUser(userId);
    const access = this.state.tokens.issueAccess(userId, 'user', X_ACCESS_TOKEN_MS);
    const refresh = this.state.tokens.issueRefresh(
      userId,
      this.now() + REFRESH_TOKEN_DAYS * DAY_MS,
    );
    return {
      userId,
      accessToken: access.value,
      refreshToken: refresh.value,
      accessExpiresAt: access.expiresAt ?? 0,
    };
  }

  /** The app-only bearer token (never expires). */
  get appBearerToken(): string {
    return this.state.app.bearerToken;
  }

  expireTokens(userOrToken: string): number {
    return this.state.tokens.expire(userOrToken);
  }

  revokeTokens(userOrToken: string): number {
    return this.state.tokens.revoke(userOrToken);
  }

  addPost(userId: string, input?: XPostInput): XPost {
    this.state.store.addUser(userId);
    return this.state.store.addPost(userId, input);
  }

  /** Users 4400001, 4400002…, each with the given number of posts from the last two weeks. */
  seed(options: { users: number; postsPerUser: number }): { users: string[]; posts: number } {
    const users = Array.from({ length: options.users }, (_, i) => `${4_400_000 + i + 1}`);
    for (const user of users) {
      for (let i = 0; i < options.postsPerUser; i++) this.addPost(user);
    }
    return { users, posts: users.length * options.postsPerUser };
  }

  /** `tweet.fields` refuses the value from now on, as X answers a field it no longer knows. */
  retireField(name: string): void {
    this.state.fields.retire(name);
  }

  restoreField(name: string): void {
    this.state.fields.restore(name);
  }

  setLimits(limits: Partial<XLimits>): void {
    Object.assign(this.state.limits, limits);
  }

  setSettings(settings: Partial<XSettings>): void {
    Object.assign(this.state.settings, settings);
  }
}
