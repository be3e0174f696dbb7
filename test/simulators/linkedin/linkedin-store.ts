import { SeededRandom } from '../../utils/seeded-random';

/** The counts of `totalShareStatistics`, lifetime totals. */
export const LINKEDIN_SHARE_METRICS = [
  'impressionCount',
  'uniqueImpressionsCount',
  'clickCount',
  'likeCount',
  'commentCount',
  'shareCount',
  'engagement',
] as const;

export const LINKEDIN_REACTIONS = [
  'LIKE',
  'PRAISE',
  'EMPATHY',
  'INTEREST',
  'APPRECIATION',
  'ENTERTAINMENT',
] as const;

export interface LinkedInPost {
  /** `urn:li:share:…` or `urn:li:ugcPost:…` */
  readonly id: string;
  /** `urn:li:organization:…` */
  readonly author: string;
  readonly commentary: string;
  /** Epoch ms, as LinkedIn sends them. */
  readonly createdAt: number;
  deleted: boolean;
  readonly statistics: Record<string, number>;
  readonly reactions: Record<string, number>;
  comments: number;
}

export interface LinkedInPostInput {
  readonly kind?: 'share' | 'ugcPost';
  readonly createdAt?: number;
  readonly commentary?: string;
  readonly statistics?: Partial<Record<string, number>>;
}

/** Organizations and their posts with lifetime statistics. */
export class LinkedInStore {
  private readonly posts = new Map<string, LinkedInPost>();
  private nextId = 7_100_000_000;

  constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {}

  addPost(organizationId: string, input: LinkedInPostInput = {}): LinkedInPost {
    this.nextId += 1;
    const kind = input.kind ?? (this.nextId % 3 === 0 ? 'ugcPost' : 'share');
    const id = `urn:li:${kind}:${this.nextId}`;
    const random = SeededRandom.from(this.seed, id);
    const impressions = random.int(100, 5000);
    const statistics: Record<string, number> = {
      impressionCount: impressions,
      uniqueImpressionsCount: Math.floor(impressions * 0.7),
      clickCount: random.int(0, 200),
      likeCount: random.int(0, 150),
      commentCount: random.int(0, 30),
      shareCount: random.int(0, 20),
      engagement: Number(random.next().toFixed(4)),
      ...input.statistics,
    };
    const reactions = Object.fromEntries(LINKEDIN_REACTIONS.map((r) => [r, random.int(0, 40)]));
    const post: LinkedInPost = {
      id,
      author: `urn:li:organization:${organizationId}`,
      commentary: input.commentary ?? `Update ${this.nextId} from organization ${organizationId}`,
      createdAt: input.createdAt ?? this.now() - random.int(1, 300) * 3_600_000,
      deleted: false,
      statistics,
      reactions,
      comments: statistics.commentCount,
    };
    this.posts.set(id, post);
    return post;
  }

  /** Newest first, ties by id: the order stays put between pages. */
  postsBy(authorUrn: string): LinkedInPost[] {
    return [...this.posts.values()]
      .filter((post) => post.author === authorUrn && !post.deleted)
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  }

  post(urn: string): LinkedInPost | undefined {
    const post = this.posts.get(urn);
    return post && !post.deleted ? post : undefined;
  }

  deletePost(urn: string): boolean {
    const post = this.posts.get(urn);
    if (post) post.deleted = true;
    return post !== undefined;
  }

  /** Lifetime totals only grow; each post gains a seeded amount per metric. */
  growStatistics(round: number): void {
    for (const post of this.posts.values()) {
      const random = SeededRandom.from(this.seed, post.id, 'grow', round);
      for (const metric of Object.keys(post.statistics)) {
        if (metric !== 'engagement') post.statistics[metric] += random.int(0, 25);
      }
    }
  }
}
