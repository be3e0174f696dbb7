import { authenticationFailed, fieldRequired, invalidJson, invalidToken } from '../sim-errors';
import { asRecord, ok, parseJsonBody } from '../sim-http';
import type { RouteDefinition } from '../sim-state';

export const tokenRoutes: readonly RouteDefinition[] = [
  {
    name: 'token.new',
    method: 'POST',
    pattern: /^\/api\/v2\/token\/new\/$/,
    bucket: 'token-new',
    auth: false,
    handle: ({ request, state }) => {
      const parsed = parseJsonBody(request);
      if (!parsed.ok) return invalidJson();
      const body = asRecord(parsed.value);
      for (const field of ['secret_id', 'secret_key'] as const) {
        if (typeof body[field] !== 'string' || body[field] === '') return fieldRequired(field);
      }
      const pair = state.tokens.issuePair(body.secret_id as string, body.secret_key as string);
      if (!pair) return authenticationFailed();
      state.counters.tokensIssued += 1;
      return ok(pair);
    },
  },
  {
    name: 'token.refresh',
    method: 'POST',
    pattern: /^\/api\/v2\/token\/refresh\/$/,
    bucket: 'token-refresh',
    auth: false,
    handle: ({ request, state }) => {
      const parsed = parseJsonBody(request);
      if (!parsed.ok) return invalidJson();
      const refresh = asRecord(parsed.value).refresh;
      if (typeof refresh !== 'string' || refresh === '') return fieldRequired('refresh');
      const access = state.tokens.refresh(refresh);
      return access ? ok(access) : invalidToken();
    },
  },
];
