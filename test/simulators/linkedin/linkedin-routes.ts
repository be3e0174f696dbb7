import { DAY_MS, okJson, type SimExchangeRequest, type SimRoute } from '../shared';
import { linkedInError } from './linkedin-errors';
import { parseRestliList, rawQueryParam } from './linkedin-restli';
import type { LinkedInState } from './linkedin-state';
import type { LinkedInPost } from './linkedin-store';

const MAX_PAGE_SIZE = 100;

/** The Community Management API routes the future client calls, plus the token endpoint. */
export function linkedInRoutes(state: LinkedInState): SimRoute[] {
  return [
    {
      name: 'posts.list',
      method: 'GET',
      pattern: /^\/rest\/posts$/,
      handle: (r) => listPosts(state, r),
    },
    {
      name: 'share-statistics.list',
      method: 'GET',
      pattern: /^\/rest\/organizationalEntityShareStatistics$/,
      handle: (r) => shareStatistics(state, r),
    },
    {
      name: 'social-metadata.batch',
      method: 'GET',
      pattern: /^\/rest\/socialMetadata$/,
      handle: (r) => socialMetadataBatch(state, r),
    },
    {
      name: 'social-metadata.get',
      method: 'GET',
      pattern: /^\/rest\/socialMetadata\/([^/]+)$/,
      handle: (_r, [urn]) => socialMetadataOne(state, urn),
    },
    {
      name: 'oauth.refresh',
      method: 'POST',
      pattern: /^\/oauth\/v2\/accessToken$/,
      handle: (r) => refreshToken(state, r),
    },
  ];
}

function listPosts(state: LinkedInState, request: SimExchangeRequest) {
  const query = request.query;
  if (query.get('q') !== 'author') return linkedInError(400, 'q must be author');
  const author = query.get('author');
  if (!author?.startsWith('urn:li:organization:')) {
    return linkedInError(400, 'author must be an organization URN');
  }
  const start = Number(query.get('start') ?? 0);
  const count = Number(query.get('count') ?? 10);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1) {
    return linkedInError(400, 'start and count must be non-negative integers');
  }
  if (count > MAX_PAGE_SIZE) return linkedInError(400, `count must be at most ${MAX_PAGE_SIZE}`);
  const page = state.store.postsBy(author).slice(start, start + count);
  return okJson({ paging: { start, count }, elements: page.map(renderPost) });
}

function renderPost(post: LinkedInPost) {
  return {
    id: post.id,
    author: post.author,
    commentary: post.commentary,
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.createdAt,
    lifecycleState: 'PUBLISHED',
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED' },
  };
}

function shareStatistics(state: LinkedInState, request: SimExchangeRequest) {
  if (request.query.get('q') !== 'organizationalEntity') {
    return linkedInError(400, 'q must be organizationalEntity');
  }
  const organization = request.query.get('organizationalEntity') ?? '';
  const shares = listParam(request.rawQuery, 'shares');
  const ugcPosts = listParam(request.rawQuery, 'ugcPosts');
  const problem = [shares, ugcPosts].find((list) => 'problem' in list);
  if (problem && 'problem' in problem) return linkedInError(400, problem.problem);
  const shareUrns = 'urns' in shares ? shares.urns : [];
  const ugcUrns = 'urns' in ugcPosts ? ugcPosts.urns : [];
  const misplaced = shareUrns.findIndex((urn) => !urn.startsWith('urn:li:share:'));
  if (misplaced >= 0) {
    return linkedInError(
      403,
      `Unpermitted fields present in PARAMETER: Data Processing Exception while processing fields [/shares[${misplaced}]]`,
      { serviceErrorCode: 100, code: 'ACCESS_DENIED' },
    );
  }
  const elements = [...shareUrns, ...ugcUrns]
    .map((urn) => state.store.post(urn))
    .filter((post): post is LinkedInPost => post?.author === organization)
    .map((post) => ({
      organizationalEntity: organization,
      [post.id.startsWith('urn:li:share:') ? 'share' : 'ugcPost']: post.id,
      totalShareStatistics: Object.fromEntries(
        state.metrics.active().map((name) => [name, post.statistics[name]]),
      ),
    }));
  return okJson({ paging: { start: 0, count: elements.length }, elements });
}

function listParam(rawQuery: string, name: string) {
  const raw = rawQueryParam(rawQuery, name);
  return raw === undefined ? { urns: [] as string[] } : parseRestliList(raw);
}

function socialMetadata(post: LinkedInPost) {
  return {
    entity: post.id,
    reactionSummaries: Object.fromEntries(
      Object.entries(post.reactions).map(([type, count]) => [type, { reactionType: type, count }]),
    ),
    commentSummary: { count: post.comments, topLevelCount: post.comments },
    commentsState: 'OPEN',
  };
}

function socialMetadataOne(state: LinkedInState, urn: string) {
  const post = state.store.post(urn);
  return post ? okJson(socialMetadata(post)) : linkedInError(404, `Not found: ${urn}`);
}

function socialMetadataBatch(state: LinkedInState, request: SimExchangeRequest) {
  const ids = listParam(request.rawQuery, 'ids');
  if ('problem' in ids) return linkedInError(400, ids.problem);
  const results: Record<string, unknown> = {};
  const statuses: Record<string, number> = {};
  const errors: Record<string, unknown> = {};
  for (const urn of ids.urns) {
    const post = state.store.post(urn);
    statuses[urn] = post ? 200 : 404;
    if (post) results[urn] = socialMetadata(post);
    else errors[urn] = { status: 404, message: `Not found: ${urn}` };
  }
  return okJson({ results, statuses, errors });
}

/** Refreshing keeps the refresh token and its first-authorization expiry: it does not slide. */
function refreshToken(state: LinkedInState, request: SimExchangeRequest) {
  const form = new URLSearchParams(request.bodyText);
  const invalid = (description: string) => ({
    status: 400,
    json: { error: 'invalid_grant', error_description: description },
  });
  if (form.get('grant_type') !== 'refresh_token') {
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }
  if (
    form.get('client_id') !== state.app.clientId ||
    form.get('client_secret') !== state.app.clientSecret
  ) {
    return { status: 401, json: { error: 'invalid_client' } };
  }
  const check = state.tokens.checkRefresh(form.get('refresh_token') ?? undefined);
  if (!check.ok) {
    return invalid(
      'The provided authorization grant or refresh token is invalid, expired or revoked',
    );
  }
  state.counters.tokenRefreshes += 1;
  const access = state.tokens.issueAccess(
    check.token.subject,
    'member',
    ACCESS_TOKEN_DAYS * DAY_MS,
  );
  return okJson({
    access_token: access.value,
    expires_in: ACCESS_TOKEN_DAYS * 86_400,
    refresh_token: check.token.value,
    refresh_token_expires_in: Math.floor((check.token.expiresAt - state.clock.now()) / 1000),
  });
}

export const ACCESS_TOKEN_DAYS = 60;
export const REFRESH_TOKEN_DAYS = 365;
