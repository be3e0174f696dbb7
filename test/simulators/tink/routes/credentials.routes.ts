import { renderCredential, renderProviderConsent } from '../sim-render';
import { asRecord, noContent, ok, parseJsonBody, tinkError, type SimResult } from '../sim-http';
import type { RouteContext, RouteDefinition } from '../sim-state';
import type { SimCredential } from '../sim-types';

function visibleCredentials(context: RouteContext): SimCredential[] {
  const { store, refresh } = context.state;
  return store
    .credentialsOf(context.token?.userId ?? '')
    .map((credential) => refresh.settle(credential))
    .filter((credential) => credential.status !== 'DELETED');
}

function findCredential(context: RouteContext, id: string | undefined): SimCredential | undefined {
  return visibleCredentials(context).find((credential) => credential.id === id);
}

function listCredentials(context: RouteContext): SimResult {
  return ok({ credentials: visibleCredentials(context).map(renderCredential) });
}

function getCredential(context: RouteContext): SimResult {
  const credential = findCredential(context, context.params[0]);
  if (!credential) return tinkError(404, 'CREDENTIALS_NOT_FOUND', 'Credentials not found');
  return ok(renderCredential(credential));
}

function refreshCredential(context: RouteContext): SimResult {
  const credential = findCredential(context, context.params[0]);
  if (!credential) return tinkError(404, 'CREDENTIALS_NOT_FOUND', 'Credentials not found');
  const parsed = parseJsonBody(context.request);
  if (!parsed.ok) return tinkError(400, 'BAD_REQUEST', 'Body is not valid JSON');
  const availability = asRecord(asRecord(parsed.value).userAvailability);
  const decision = context.state.refresh.request(credential, {
    authenticate: context.request.query.get('authenticate') === 'true',
    userPresent: availability.userPresent === true,
    userAvailableForInteraction: availability.userAvailableForInteraction === true,
  });
  const { counters } = context.state;
  if (decision === 'in_progress') {
    counters.refreshesConflicting += 1;
    return tinkError(
      409,
      'REFRESH_IN_PROGRESS',
      'A refresh of these credentials is already running',
    );
  }
  // A rate-limited refresh is indistinguishable on the wire: 204, and nothing ever changes.
  if (decision === 'rate_limited') counters.refreshesRateLimited += 1;
  else counters.refreshesAccepted += 1;
  return noContent();
}

function listProviderConsents(context: RouteContext): SimResult {
  const credentialsId = context.request.query.get('credentialsId');
  const { store } = context.state;
  const consents = visibleCredentials(context)
    .filter((credential) => credentialsId === null || credential.id === credentialsId)
    .map((credential) =>
      renderProviderConsent(
        credential,
        store.accountsOfCredential(credential.id).map((account) => account.id),
      ),
    );
  return ok({ providerConsents: consents });
}

export const credentialRoutes: readonly RouteDefinition[] = [
  {
    name: 'credentials.list',
    method: 'GET',
    pattern: /^\/api\/v1\/credentials\/list$/,
    auth: { kind: 'user', scope: 'credentials:read' },
    handle: listCredentials,
  },
  {
    name: 'credentials.refresh',
    method: 'POST',
    pattern: /^\/api\/v1\/credentials\/([^/]+)\/refresh$/,
    auth: { kind: 'user', scope: 'credentials:refresh' },
    credentialParam: 0,
    handle: refreshCredential,
  },
  {
    name: 'credentials.get',
    method: 'GET',
    pattern: /^\/api\/v1\/credentials\/([^/]+)$/,
    auth: { kind: 'user', scope: 'credentials:read' },
    credentialParam: 0,
    handle: getCredential,
  },
  {
    name: 'provider-consents.list',
    method: 'GET',
    pattern: /^\/api\/v1\/provider-consents$/,
    auth: { kind: 'user', scope: 'provider-consents:read' },
    handle: listProviderConsents,
  },
];
