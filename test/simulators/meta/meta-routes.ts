import {
  DAY_MS,
  okJson,
  type SimExchangeRequest,
  type SimExchangeResult,
  type SimRoute,
} from '../shared';
import { INVALID_METRIC_MESSAGE, graphError } from './meta-errors';
import { parseFields, type RequestedField } from './meta-fields';
import type { MetaState } from './meta-state';
import type { MetaPost } from './meta-store';

export const LONG_LIVED_TOKEN_MS = 60 * DAY_MS;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const PAGE_POST_FIELDS = [
  'id',
  'message',
  'created_time',
  'permalink_url',
  'shares',
  'reactions',
  'comments',
];
const MEDIA_FIELDS = [
  'id',
  'caption',
  'media_type',
  'media_product_type',
  'timestamp',
  'permalink',
  'like_count',
  'comments_count',
];

/** Graph routes, each behind a version prefix (`/v25.0/...`). */
export function metaRoutes(state: MetaState): SimRoute[] {
  return [
    {
      name: 'page.posts',
      method: 'GET',
      pattern: /^\/v\d+\.\d+\/(\d+)\/(?:posts|published_posts|feed)$/,
      handle: (request, [pageId]) => listObjects(state, request, pageId, 'page-post'),
    },
    {
      name: 'ig.media',
      method: 'GET',
      pattern: /^\/v\d+\.\d+\/(\d+)\/media$/,
      handle: (request, [igUserId]) => listObjects(state, request, igUserId, 'ig-media'),
    },
    {
      name: 'insights',
      method: 'GET',
      pattern: /^\/v\d+\.\d+\/([\w]+)\/insights$/,
      handle: (request, [objectId]) => insights(state, request, objectId),
    },
    {
      name: 'oauth.access-token',
      method: 'GET',
      pattern: /^\/v\d+\.\d+\/oauth\/access_token$/,
      handle: (request) => exchangeToken(state, request),
    },
  ];
}

function listObjects(
  state: MetaState,
  request: SimExchangeRequest,
  ownerId: string,
  kind: MetaPost['kind'],
): SimExchangeResult {
  if (!state.store.hasOwner(ownerId)) {
    return graphError(
      100,
      `(#100) Unsupported get request. Object with ID '${ownerId}' does not exist`,
      {
        type: 'GraphMethodException',
      },
    );
  }
  const known = kind === 'page-post' ? PAGE_POST_FIELDS : MEDIA_FIELDS;
  const fields = parseFields(
    request.query.get('fields') ?? (kind === 'page-post' ? 'id,message,created_time' : 'id'),
  );
  const unknown = fields.find((field) => !known.includes(field.name));
  if (unknown) {
    const node = kind === 'page-post' ? 'PagePost' : 'IGMedia';
    return graphError(
      100,
      `(#100) Tried accessing nonexisting field (${unknown.name}) on node type (${node})`,
    );
  }
  const limit = Math.min(MAX_LIMIT, Number(request.query.get('limit') ?? DEFAULT_LIMIT));
  const cursor = decodeCursor(request.query.get('after'));
  if (cursor === undefined) return graphError(100, '(#100) Invalid cursor');
  const posts = state.store.postsOf(ownerId);
  const skipOnce = state.settings.emptyPagesBetween && cursor.offset > 0 && !cursor.emptied;
  const page = skipOnce ? [] : posts.slice(cursor.offset, cursor.offset + limit);
  const nextCursor = skipOnce
    ? { offset: cursor.offset, emptied: true }
    : { offset: cursor.offset + page.length, emptied: false };
  const hasMore = nextCursor.offset < posts.length;
  const after = encodeCursor(nextCursor);
  const before = encodeCursor({ offset: cursor.offset, emptied: true });
  const next = new URLSearchParams(request.query);
  next.set('after', after);
  return okJson({
    data: page.map((post) => render(post, fields)),
    paging: {
      cursors: { before, after },
      ...(hasMore ? { next: `${request.origin}${request.path}?${next.toString()}` } : {}),
    },
  });
}

function render(post: MetaPost, fields: readonly RequestedField[]): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const field of fields) rendered[field.name] = fieldValue(post, field);
  return rendered;
}

function fieldValue(post: MetaPost, field: RequestedField): unknown {
  const created = new Date(post.createdAt).toISOString().replace('.000Z', '+0000');
  const edge = (count: number) => ({
    data: [],
    ...(field.modifiers.summary?.includes('total_count')
      ? { summary: { total_count: count } }
      : {}),
  });
  switch (field.name) {
    case 'id':
      return post.id;
    case 'message':
    case 'caption':
      return post.message;
    case 'created_time':
    case 'timestamp':
      return created;
    case 'permalink_url':
    case 'permalink':
      return `https://example.invalid/${post.id}`;
    case 'shares':
      return { count: post.shares };
    case 'reactions':
      return edge(post.reactions);
    case 'comments':
      return edge(post.comments);
    case 'media_type':
      return 'IMAGE';
    case 'media_product_type':
      return 'FEED';
    case 'like_count':
      return post.reactions;
    case 'comments_count':
      return post.comments;
    default:
      return undefined;
  }
}

/** One invalid (e.g. retired) metric fails the whole call, as Graph does. */
function insights(
  state: MetaState,
  request: SimExchangeRequest,
  objectId: string,
): SimExchangeResult {
  state.counters.insightsCalls += 1;
  const post = state.store.post(objectId);
  if (!post) {
    return graphError(
      100,
      `(#100) Unsupported get request. Object with ID '${objectId}' does not exist`,
      {
        type: 'GraphMethodException',
      },
    );
  }
  const metricText = request.query.get('metric');
  if (!metricText) return graphError(3001, 'Invalid query', { subcode: 1504028 });
  const metrics = metricText.split(',');
  const catalog = post.kind === 'page-post' ? state.pageMetrics : state.mediaMetrics;
  if (catalog.invalidAmong(metrics).length > 0) {
    state.counters.invalidMetricErrors += 1;
    return graphError(100, INVALID_METRIC_MESSAGE);
  }
  if (post.insightsMode === 'not-enough-viewers') {
    return graphError(10, '(#10) Not enough viewers for the media to show insights');
  }
  if (post.insightsMode === 'empty') return okJson({ data: [] });
  return okJson({
    data: metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: post.insights[name] ?? 0 }],
      title: name,
      description: `Lifetime ${name}`,
      id: `${post.id}/insights/${name}/lifetime`,
    })),
  });
}

/** A short-lived user token becomes a 60-day one. */
function exchangeToken(state: MetaState, request: SimExchangeRequest): SimExchangeResult {
  const query = request.query;
  if (query.get('grant_type') !== 'fb_exchange_token') {
    return graphError(100, '(#100) grant_type must be fb_exchange_token');
  }
  if (
    query.get('client_id') !== state.app.clientId ||
    query.get('client_secret') !== state.app.clientSecret
  ) {
    return graphError(1, 'Error validating client secret.');
  }
  const check = state.tokens.check(query.get('fb_exchange_token') ?? undefined);
  if (!check.ok) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
  state.counters.tokenExchanges += 1;
  const token = state.tokens.issueAccess(check.token.subject, 'user', LONG_LIVED_TOKEN_MS);
  return okJson({
    access_token: token.value,
    token_type: 'bearer',
    expires_in: LONG_LIVED_TOKEN_MS / 1000,
  });
}

interface Cursor {
  readonly offset: number;
  /** The empty page before this offset was already served. */
  readonly emptied: boolean;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.offset}:${cursor.emptied ? 1 : 0}`).toString('base64url');
}

function decodeCursor(text: string | null): Cursor | undefined {
  if (text === null) return { offset: 0, emptied: false };
  const match = /^(\d+):([01])$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? { offset: Number(match[1]), emptied: match[2] === '1' } : undefined;
}
