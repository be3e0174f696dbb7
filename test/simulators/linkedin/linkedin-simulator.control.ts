import { DAY_MS, PlatformControl, type PlatformControlParts } from '../shared';
import { ACCESS_TOKEN_DAYS, REFRESH_TOKEN_DAYS } from './linkedin-routes';
import type { LinkedInCounters, LinkedInLimits, LinkedInState } from './linkedin-state';
import type { LinkedInPost, LinkedInPostInput } from './linkedin-store';

export interface LinkedInGrant {
  readonly memberId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: number;
  readonly refreshExpiresAt: number;
}

/**
 * In-process control of a running LinkedIn simulator. A retired metric leaves
 * `totalShareStatistics` (LinkedIn drops fields; it has no "invalid metric" error); an inactive
 * `LinkedIn-Version` is answered 426 NONEXISTENT_VERSION.
 */
export class LinkedInSimulatorControl extends PlatformControl<LinkedInCounters, LinkedInLimits> {
  private growRound = 0;

  constructor(
    parts: PlatformControlParts<LinkedInLimits, object>,
    private readonly state: LinkedInState,
  ) {
    super(parts);
  }

  /** A member authorized the app now: a 60-day access token and a 365-day refresh token. */
  authorizeMember(memberId: string): LinkedInGrant {
    const { tokens } = this.state;
    const access = tokens.issueAccess(memberId, 'member', ACCESS_TOKEN_DAYS * DAY_MS);
    const refresh = tokens.issueRefresh(memberId, this.now() + REFRESH_TOKEN_DAYS * DAY_MS);
    return {
      memberId,
      accessToken: access.value,
      refreshToken: refresh.value,
      accessExpiresAt: access.expiresAt ?? 0,
      refreshExpiresAt: refresh.expiresAt,
    };
  }

  addPost(organizationId: string, input?: LinkedInPostInput): LinkedInPost {
    return this.state.store.addPost(organizationId, input);
  }

  /** Organizations 1001, 1002…, each with the given number of posts (mixed share/ugcPost). */
  seed(options: { accounts: number; postsPerAccount: number }): {
    organizations: string[];
    posts: number;
  } {
    const organizations = Array.from({ length: options.accounts }, (_, i) => String(1001 + i));
    for (const organization of organizations) {
      for (let i = 0; i < options.postsPerAccount; i++) this.addPost(organization);
    }
    return { organizations, posts: organizations.length * options.postsPerAccount };
  }

  deletePost(urn: string): boolean {
    return this.state.store.deletePost(urn);
  }

  /** Every post's lifetime totals grow (they never shrink). */
  growStatistics(): void {
    this.growRound += 1;
    this.state.store.growStatistics(this.growRound);
  }

  /** Forgets the calls counted today, as midnight UTC would. */
  clearDailyCalls(): void {
    this.state.dailyCalls.clear();
  }
}
