import { DAY_MS, PlatformControl, type PlatformControlParts } from '../shared';
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

/**
 * In-process control of a running X simulator. A retired metric is a `tweet.fields` value X
 * refuses with 400 invalid-request; X has no API versions to retire.
 */
export class XSimulatorControl extends PlatformControl<XCounters, XLimits, XSettings> {
  constructor(
    parts: PlatformControlParts<XLimits, XSettings>,
    private readonly state: XState,
  ) {
    super(parts);
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

  addPost(userId: string, input?: XPostInput): XPost {
    this.state.store.addUser(userId);
    return this.state.store.addPost(userId, input);
  }

  /** Users 4400001, 4400002…, each with the given number of posts from the last two weeks. */
  seed(options: { accounts: number; postsPerAccount: number }): { users: string[]; posts: number } {
    const users = Array.from({ length: options.accounts }, (_, i) => `${4_400_000 + i + 1}`);
    for (const user of users) {
      for (let i = 0; i < options.postsPerAccount; i++) this.addPost(user);
    }
    return { users, posts: users.length * options.postsPerAccount };
  }
}
