import { SeededRandom } from '../../utils/seeded-random';

export type MetaObjectKind = 'page-post' | 'ig-media';

/** How an object's `/insights` answers: normally, with an empty `data`, or IG's code 10. */
export type InsightsMode = 'normal' | 'empty' | 'not-enough-viewers';

export interface MetaPost {
  readonly id: string;
  readonly kind: MetaObjectKind;
  /** The page or Instagram user that published it. */
  readonly ownerId: string;
  readonly message: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly reactions: number;
  readonly comments: number;
  readonly shares: number;
  readonly insights: Record<string, number | Record<string, number>>;
  insightsMode: InsightsMode;
}

export interface MetaPostInput {
  readonly createdAt?: number;
  readonly message?: string;
}

/** Facebook Pages and Instagram accounts with their posts. */
export class MetaStore {
  private readonly posts = new Map<string, MetaPost>();
  private readonly owners = new Map<string, MetaPost[]>();
  private sequence = 0;

  constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {}

  addOwner(ownerId: string): void {
    if (!this.owners.has(ownerId)) this.owners.set(ownerId, []);
  }

  hasOwner(ownerId: string): boolean {
    return this.owners.has(ownerId);
  }

  addPost(ownerId: string, kind: MetaObjectKind, input: MetaPostInput = {}): MetaPost {
    this.addOwner(ownerId);
    this.sequence += 1;
    const random = SeededRandom.from(this.seed, ownerId, this.sequence);
    const id =
      kind === 'page-post'
        ? `${ownerId}_${900_000 + this.sequence}`
        : `1790${ownerId}${this.sequence}`;
    const views = random.int(100, 30_000);
    const post: MetaPost = {
      id,
      kind,
      ownerId,
      message: input.message ?? `Post ${this.sequence} of ${ownerId}`,
      createdAt: input.createdAt ?? this.now() - random.int(1, 500) * 3_600_000,
      reactions: random.int(0, 500),
      comments: random.int(0, 80),
      shares: random.int(0, 40),
      insights: {
        views,
        reach: Math.floor(views * 0.6),
        post_media_view: views,
        post_total_media_view_unique: Math.floor(views * 0.6),
        post_clicks: random.int(0, 300),
        post_reactions_by_type_total: {
          like: random.int(0, 300),
          love: random.int(0, 90),
          wow: random.int(0, 20),
        },
        likes: random.int(0, 500),
        comments: random.int(0, 80),
        shares: random.int(0, 40),
        saved: random.int(0, 60),
        total_interactions: random.int(0, 700),
        post_impressions: views,
        post_impressions_unique: Math.floor(views * 0.6),
        post_engaged_users: random.int(0, 400),
        impressions: views,
        plays: views,
        video_views: views,
      },
      insightsMode: 'normal',
    };
    this.posts.set(id, post);
    this.owners.get(ownerId)?.push(post);
    return post;
  }

  /** Newest first. */
  postsOf(ownerId: string): MetaPost[] {
    return [...(this.owners.get(ownerId) ?? [])].sort(
      (a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id),
    );
  }

  post(id: string): MetaPost | undefined {
    return this.posts.get(id);
  }
}
