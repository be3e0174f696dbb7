import { SeededRandom } from '../../utils/seeded-random';

export interface XPost {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly publicMetrics: {
    retweet_count: number;
    reply_count: number;
    like_count: number;
    quote_count: number;
    bookmark_count: number;
    impression_count: number;
  };
  readonly privateMetrics: {
    url_link_clicks: number;
    user_profile_clicks: number;
    engagements: number;
  };
}

export interface XPostInput {
  readonly createdAt?: number;
  readonly text?: string;
}

/** Users' timelines, newest first. */
export class XStore {
  private readonly timelines = new Map<string, XPost[]>();
  private sequence = 0;

  constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {}

  addPost(userId: string, input: XPostInput = {}): XPost {
    this.sequence += 1;
    const random = SeededRandom.from(this.seed, userId, this.sequence);
    const createdAt = input.createdAt ?? this.now() - random.int(1, 2000) * 600_000;
    const impressions = random.int(50, 20_000);
    const post: XPost = {
      // Snowflake-like: larger for later posts, unique by the sequence.
      id: String(BigInt(createdAt) * 4_194_304n + BigInt(this.sequence)),
      authorId: userId,
      text: input.text ?? `Post ${this.sequence} by ${userId}`,
      createdAt,
      publicMetrics: {
        retweet_count: random.int(0, 80),
        reply_count: random.int(0, 40),
        like_count: random.int(0, 400),
        quote_count: random.int(0, 15),
        bookmark_count: random.int(0, 30),
        impression_count: impressions,
      },
      privateMetrics: {
        url_link_clicks: random.int(0, 100),
        user_profile_clicks: random.int(0, 60),
        engagements: random.int(0, 700),
      },
    };
    const timeline = this.timelines.get(userId) ?? [];
    timeline.push(post);
    timeline.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    this.timelines.set(userId, timeline);
    return post;
  }

  timeline(userId: string): readonly XPost[] {
    return this.timelines.get(userId) ?? [];
  }

  hasUser(userId: string): boolean {
    return this.timelines.has(userId);
  }

  addUser(userId: string): void {
    if (!this.timelines.has(userId)) this.timelines.set(userId, []);
  }
}
