import { HOUR_MS, PlatformControl, type PlatformControlParts } from '../shared';
import { LONG_LIVED_TOKEN_MS } from './meta-routes';
import type { MetaCounters, MetaLimits, MetaSettings, MetaState } from './meta-state';
import type { InsightsMode, MetaPost, MetaPostInput } from './meta-store';

export interface MetaPageGrant {
  readonly pageId: string;
  /** The linked Instagram professional account. */
  readonly igUserId: string;
  /** A page token: no expiry until revoked. */
  readonly pageToken: string;
}

export const META_THROTTLE_CODES = [4, 17, 32, 613, 80001, 80002] as const;

/**
 * In-process control of a running Graph API simulator. A retired metric fails the whole
 * `/insights` call with `(#100)` (Pages and Instagram alike); an inactive version gets code 2635.
 */
export class MetaSimulatorControl extends PlatformControl<MetaCounters, MetaLimits, MetaSettings> {
  private nextPage = 100_000;

  constructor(
    parts: PlatformControlParts<MetaLimits, MetaSettings>,
    private readonly state: MetaState,
  ) {
    super(parts);
  }

  /** A Page with its Instagram account, and a page token for both. */
  addPage(): MetaPageGrant {
    this.nextPage += 1;
    const pageId = String(this.nextPage);
    const igUserId = `1784${pageId}`;
    this.state.store.addOwner(pageId);
    this.state.store.addOwner(igUserId);
    return {
      pageId,
      igUserId,
      pageToken: this.state.tokens.issueAccess(pageId, 'page', null).value,
    };
  }

  /** A user token: short-lived (1 h, to exchange) or long-lived (60 days). */
  issueUserToken(userId: string, lifetime: 'short' | 'long' = 'long'): string {
    const ms = lifetime === 'short' ? HOUR_MS : LONG_LIVED_TOKEN_MS;
    return this.state.tokens.issueAccess(userId, 'user', ms).value;
  }

  addPost(ownerId: string, input?: MetaPostInput): MetaPost {
    const kind = ownerId.startsWith('1784') ? 'ig-media' : 'page-post';
    return this.state.store.addPost(ownerId, kind, input);
  }

  /** Pages with their Instagram accounts, each with the given number of posts and media. */
  seed(options: { accounts: number; postsPerAccount: number }): MetaPageGrant[] {
    return Array.from({ length: options.accounts }, () => {
      const grant = this.addPage();
      for (let i = 0; i < options.postsPerAccount; i++) {
        this.addPost(grant.pageId);
        this.addPost(grant.igUserId);
      }
      return grant;
    });
  }

  setInsightsMode(objectId: string, mode: InsightsMode): void {
    const post = this.state.store.post(objectId);
    if (!post) throw new Error(`unknown object ${objectId}`);
    post.insightsMode = mode;
  }

  /** The next `times` calls are refused with this throttling code whatever the usage. */
  forceThrottle(code: (typeof META_THROTTLE_CODES)[number], times = 1): void {
    if (!META_THROTTLE_CODES.includes(code))
      throw new Error(`code must be one of ${META_THROTTLE_CODES.join(', ')}`);
    for (let i = 0; i < times; i++) this.state.forcedThrottles.push(code);
  }

  /** Forgets this hour's calls. */
  clearUsage(): void {
    this.state.hourlyCalls.clear();
  }
}
