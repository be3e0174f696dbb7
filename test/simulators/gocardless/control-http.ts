import { handleChaosControl } from '../shared';
import { controlBadRequest, handleCommonControl } from '../shared/common-control';
import type { GoCardlessSimulatorControl } from './gocardless-simulator.control';
import { ACCOUNT_FAILURES, type AccountFailure } from './sim-account-access';
import { API_BUCKETS, type ApiBucket } from './sim-api-limits';
import type { DataScope } from './sim-types';
import {
  asRecord,
  noContent,
  ok,
  parseJsonBody,
  type SimRequest,
  type SimResult,
} from './sim-http';
import type { LinkOutcome } from './sim-link-flow';
import { SIM_ROUTES, type SimRoute } from './sim-routes.types';
import type { AccountSeed, BulkSeed, RequisitionSeed } from './sim-seed';
import type { NewTransaction } from './sim-store';
import {
  ACCOUNT_STATUSES,
  DATA_SCOPES,
  REQUISITION_STATUSES,
  type AccountStatus,
  type RequisitionStatus,
} from './sim-types';

export const CONTROL_PREFIX = '/__control';

const badRequest = controlBadRequest;
const unknownRoute = (): SimResult => ({ status: 404, json: { error: 'unknown control route' } });
const LINK_KINDS = ['approve', 'cancel', 'ssn-failed', 'institution-error', 'abandon'];

/**
 * `/__control/*` for tests and benchmarks in another process (JSON bodies); each route mirrors a
 * method of GoCardlessSimulatorControl (README lists them).
 */
export function handleControl(request: SimRequest, control: GoCardlessSimulatorControl): SimResult {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return badRequest('body is not valid JSON');
  const body = asRecord(parsed.value);
  const path = request.path.slice(CONTROL_PREFIX.length);
  const chaos = handleChaosControl(request.method, path, parsed.value, control.layer, SIM_ROUTES);
  if (chaos) return chaos;
  const idPattern = /\/(requisitions|accounts|agreements|transactions)\/([^/]+)/;
  const id = decodeURIComponent(idPattern.exec(path)?.[2] ?? '');
  const route = `${request.method} ${path.replace(idPattern, '/$1/:id')}`;
  const common = handleCommonControl(route, body, control);
  if (common) return common;
  try {
    return dispatch(route, id, body, parsed.value, control);
  } catch (error) {
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}

function dispatch(
  route: string,
  id: string,
  body: Record<string, unknown>,
  raw: unknown,
  control: GoCardlessSimulatorControl,
): SimResult {
  switch (route) {
    case 'POST /seed/requisition':
      return ok(control.seedRequisition(raw as RequisitionSeed));
    case 'POST /seed/bulk':
      if (typeof body.accounts !== 'number' || body.accounts < 0) {
        return badRequest('accounts must be a number >= 0');
      }
      return ok(control.seedBulk(raw as BulkSeed));
    case 'POST /requisitions/:id/accounts':
      return ok(control.addAccount(id, raw as AccountSeed));
    case 'PUT /requisitions/:id/status':
      if (!REQUISITION_STATUSES.includes(body.status as RequisitionStatus)) {
        return badRequest(`status must be one of ${REQUISITION_STATUSES.join(', ')}`);
      }
      control.setRequisitionStatus(id, body.status as RequisitionStatus);
      return noContent();
    case 'GET /requisitions/:id/history':
      return ok({ statuses: control.requisitionHistory(id) });
    case 'GET /accounts/:id/transactions':
      return ok({ transactions: control.transactions(id) });
    case 'POST /accounts/:id/transactions':
      return ok(control.addTransaction(id, raw as NewTransaction));
    case 'PUT /accounts/:id/status':
      if (!ACCOUNT_STATUSES.includes(body.status as AccountStatus)) {
        return badRequest(`status must be one of ${ACCOUNT_STATUSES.join(', ')}`);
      }
      control.setAccountStatus(id, body.status as AccountStatus);
      return noContent();
    case 'GET /accounts/:id/limits':
      return ok(
        Object.fromEntries(DATA_SCOPES.map((scope) => [scope, control.accountLimit(id, scope)])),
      );
    case 'PUT /accounts/:id/limits':
      if (typeof body.successLimit !== 'number' || body.successLimit < 0) {
        return badRequest('successLimit must be a number >= 0');
      }
      control.setAccountSuccessLimit(id, body.successLimit);
      return noContent();
    case 'POST /accounts/:id/fail': {
      if (!ACCOUNT_FAILURES.includes(body.error as AccountFailure)) {
        return badRequest(`error must be one of ${ACCOUNT_FAILURES.join(', ')}`);
      }
      if (body.scope !== undefined && !DATA_SCOPES.includes(body.scope as DataScope)) {
        return badRequest(`scope must be one of ${DATA_SCOPES.join(', ')}`);
      }
      const times = typeof body.times === 'number' ? body.times : 1;
      control.failAccount(id, {
        error: body.error as AccountFailure,
        times,
        scope: body.scope as DataScope | undefined,
      });
      return noContent();
    }
    case 'POST /transactions/:id/book': {
      const row = control.bookPending(id, {
        newTransactionId:
          typeof body.newTransactionId === 'boolean' ? body.newTransactionId : undefined,
        bookingDate: typeof body.bookingDate === 'string' ? body.bookingDate : undefined,
      });
      return ok(row);
    }
    case 'POST /agreements/:id/expire': {
      const status = body.status;
      if (status !== undefined && status !== 400 && status !== 401) {
        return badRequest('status must be 400 or 401');
      }
      control.expireAgreement(id, { status });
      return noContent();
    }
    case 'POST /agreements/:id/revoke':
      control.revokeAgreement(id);
      return noContent();
    case 'PUT /eua-expired-status':
      if (body.status !== 400 && body.status !== 401)
        return badRequest('status must be 400 or 401');
      control.setEuaExpiredStatus(body.status);
      return noContent();
    case 'PUT /link-outcome': {
      if (!LINK_KINDS.includes(body.kind as string)) {
        return badRequest(`kind must be one of ${LINK_KINDS.join(', ')}`);
      }
      if (body.kind === 'abandon' && !['GC', 'UA', 'SA', 'GA'].includes(body.at as string)) {
        return badRequest('abandon needs at: GC, UA, SA or GA');
      }
      const requisitionId = typeof body.requisitionId === 'string' ? body.requisitionId : undefined;
      const outcome = { kind: body.kind, ...(body.at ? { at: body.at } : {}) } as LinkOutcome;
      control.setLinkOutcome(outcome, requisitionId);
      return noContent();
    }
    case 'PUT /link-accounts': {
      if (!Array.isArray(body.accounts)) return badRequest('accounts must be an array');
      const requisitionId = typeof body.requisitionId === 'string' ? body.requisitionId : undefined;
      control.setLinkAccounts(body.accounts as AccountSeed[], requisitionId);
      return noContent();
    }
    case 'GET /clock':
      return ok({ now: control.now() });
    case 'PUT /clock':
      if (typeof body.now !== 'number') return badRequest('now must be epoch milliseconds');
      control.setClock(body.now);
      return ok({ now: control.now() });
    case 'POST /clock/advance':
      if (typeof body.ms !== 'number') return badRequest('ms must be a number');
      control.advanceClock(body.ms);
      return ok({ now: control.now() });
    case 'POST /route-faults': {
      const { route, status, times } = body;
      if (route !== undefined && !SIM_ROUTES.includes(route as SimRoute)) {
        return badRequest(`route must be one of ${SIM_ROUTES.join(', ')}`);
      }
      if (status !== undefined && (typeof status !== 'number' || status < 500 || status > 599)) {
        return badRequest('status must be a 5xx status');
      }
      if (times !== undefined && (typeof times !== 'number' || times < 1)) {
        return badRequest('times must be a positive number');
      }
      control.failRoute({ route: route as SimRoute | undefined, status, times });
      return noContent();
    }
    case 'DELETE /route-faults':
      control.clearRouteFaults();
      return noContent();
    case 'PUT /ip-denied':
      if (typeof body.denied !== 'boolean') return badRequest('denied must be a boolean');
      control.setIpDenied(body.denied);
      return noContent();
    case 'POST /tokens/invalidate':
      control.invalidateTokens();
      return noContent();
    case 'PUT /api-limits': {
      const { bucket, limit, periodSeconds } = body;
      if (!API_BUCKETS.includes(bucket as ApiBucket)) {
        return badRequest(`bucket must be one of ${API_BUCKETS.join(', ')}`);
      }
      if (
        typeof limit !== 'number' ||
        limit < 0 ||
        typeof periodSeconds !== 'number' ||
        periodSeconds <= 0
      ) {
        return badRequest('limit must be >= 0 and periodSeconds > 0');
      }
      control.setApiLimit(bucket as ApiBucket, { limit, periodSeconds });
      return noContent();
    }
    default:
      return unknownRoute();
  }
}
