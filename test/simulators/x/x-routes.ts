import { HOUR_MS, countInto, okJson, type SimExchangeRequest, type SimRoute } from '../shared';
import { xFieldUnauthorized, xInvalidParameter, xProblem } from './x-errors';
import { decodePageToken, encodePageToken } from './x-page-token';
import type { XState } from './x-state';
import type { XPost } from './x-store';

/** Only the 3,200 most recent posts of a timeline can be reached. */
const TIMELINE_REACH = 3200;
const EARLIEST_TIME = Date.UTC(2010, 10, 6);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const PRIVATE_FIELDS = ['non_public_metrics', 'organic_metrics'];
export const X_ACCESS_TOKEN_MS = 2 * HOUR_MS;

export function xRoutes(state: XState): SimRoute[] {
  return [
    {
      name: 'users.tweets',
      method: 'GET',
      pattern: /^\/2\/users\/([^/]+)\/tweets$/,
      handle: (request, [userId]) => timeline(state, request, userId),
    },
    {
      name: 'oauth2.token',
      method: 'POST',
      pattern: /^\/2\/oauth2\/token$/,
      handle: (r) => refresh(state, r),
    },
  ];
}

function timeline(state: XState, request: SimExchangeRequest, userId: string) {
  const token = request.token;
  const query = request.query;
  const maxText = query.get('max_results') ?? '10';
  const maxResults = Number(maxText);
  if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) {
    return xInvalidParameter(
      'max_results',
      maxText,
      `The \`max_results\` query parameter value [${maxText}] is not between 5 and 100`,
    );
  }
  const fieldsText = query.get('tweet.fields') ?? '';
  const fields = fieldsText === '' ? [] : fieldsText.split(',');
  const refused = state.fields.invalidAmong(fields)[0];
  if (refused !== undefined) {
    return xInvalidParameter(
      'tweet.fields',
      refused,
      `The \`tweet.fields\` query parameter value [${refused}] is not one of [${state.fields.active().join(',')}]`,
    );
  }
  const window = timeWindow(query);
  if ('status' in window) return window;
  if (!state.store.hasUser(userId)) {
    return xProblem(
      404,
      'Not Found Error',
      `Could not find user with id: [${userId}].`,
      'https://api.x.com/2/problems/resource-not-found',
    );
  }
  let offset = 0;
  const pageToken = query.get('pagination_token');
  if (pageToken !== null) {
    const position = decodePageToken(pageToken);
    if (!position || position.userId !== userId || position.maxResults !== maxResults) {
      return xInvalidParameter(
        'pagination_token',
        pageToken,
        'The `pagination_token` query parameter value is not valid for this request',
      );
    }
    offset = position.offset;
  }
  const posts = state.store
    .timeline(userId)
    .slice(0, TIMELINE_REACH)
    .filter((post) => post.createdAt >= window.from && post.createdAt <= window.to);
  const page = posts.slice(offset, offset + maxResults);
  const nextOffset = offset + page.length;
  const ownPosts = token?.kind === 'user' && token.subject === userId;
  const askedPrivate = fields.filter((field) => PRIVATE_FIELDS.includes(field));
  state.counters.reads += page.length;
  countInto(state.counters.readsByUser, userId, page.length);
  return okJson({
    ...(page.length > 0 ? { data: page.map((post) => render(state, post, fields, ownPosts)) } : {}),
    meta: {
      result_count: page.length,
      ...(page.length > 0 ? { newest_id: page[0].id, oldest_id: page[page.length - 1].id } : {}),
      ...(nextOffset < posts.length
        ? { next_token: encodePageToken({ userId, offset: nextOffset, maxResults }) }
        : {}),
      ...(offset > 0
        ? {
            previous_token: encodePageToken({
              userId,
              offset: Math.max(0, offset - maxResults),
              maxResults,
            }),
          }
        : {}),
    },
    ...(!ownPosts && askedPrivate.length > 0
      ? { errors: askedPrivate.map(xFieldUnauthorized) }
      : {}),
  });
}

function timeWindow(query: URLSearchParams) {
  const bounds = { from: EARLIEST_TIME, to: Number.MAX_SAFE_INTEGER };
  for (const [name, key] of [
    ['start_time', 'from'],
    ['end_time', 'to'],
  ] as const) {
    const value = query.get(name);
    if (value === null) continue;
    const at = Date.parse(value);
    if (!ISO_INSTANT.test(value) || Number.isNaN(at) || at < EARLIEST_TIME) {
      return xInvalidParameter(
        name,
        value,
        `Invalid '${name}':'${value}'. '${name}' must be a UTC timestamp on or after 2010-11-06T00:00:01Z`,
      );
    }
    bounds[key] = at;
  }
  return bounds;
}

function render(state: XState, post: XPost, fields: readonly string[], ownPosts: boolean) {
  const { retweet_count, ...otherPublic } = post.publicMetrics;
  const youngEnough =
    state.clock.now() - post.createdAt < state.settings.privateMetricsDays * 86_400_000;
  const privateAllowed = ownPosts && youngEnough;
  const rendered: Record<string, unknown> = {
    id: post.id,
    text: post.text,
    edit_history_tweet_ids: [post.id],
  };
  if (fields.includes('created_at')) rendered.created_at = new Date(post.createdAt).toISOString();
  if (fields.includes('author_id')) rendered.author_id = post.authorId;
  if (fields.includes('public_metrics')) {
    rendered.public_metrics = { [state.settings.repostMetricName]: retweet_count, ...otherPublic };
  }
  if (fields.includes('non_public_metrics') && privateAllowed) {
    rendered.non_public_metrics = {
      impression_count: post.publicMetrics.impression_count,
      ...post.privateMetrics,
    };
  }
  if (fields.includes('organic_metrics') && privateAllowed) {
    rendered.organic_metrics = {
      impression_count: post.publicMetrics.impression_count,
      like_count: post.publicMetrics.like_count,
      reply_count: post.publicMetrics.reply_count,
      retweet_count,
      url_link_clicks: post.privateMetrics.url_link_clicks,
      user_profile_clicks: post.privateMetrics.user_profile_clicks,
    };
  }
  return rendered;
}

/** Refresh tokens rotate: each works once, and the answer carries the next one. */
function refresh(state: XState, request: SimExchangeRequest) {
  const form = new URLSearchParams(request.bodyText);
  if (form.get('grant_type') !== 'refresh_token' || form.get('client_id') !== state.app.clientId) {
    return {
      status: 400,
      json: {
        error: 'invalid_request',
        error_description: 'Missing or invalid grant_type or client_id',
      },
    };
  }
  const check = state.tokens.checkRefresh(form.get('refresh_token') ?? undefined);
  if (!check.ok) {
    return {
      status: 400,
      json: {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      },
    };
  }
  check.token.spent = true;
  state.counters.tokenRefreshes += 1;
  const access = state.tokens.issueAccess(check.token.subject, 'user', X_ACCESS_TOKEN_MS);
  const next = state.tokens.issueRefresh(check.token.subject, check.token.expiresAt);
  return okJson({
    token_type: 'bearer',
    expires_in: X_ACCESS_TOKEN_MS / 1000,
    access_token: access.value,
    refresh_token: next.value,
    scope: 'tweet.read users.read offline.access',
  });
}
