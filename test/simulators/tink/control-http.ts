import type { RefreshEnding } from './sim-credential-refresh';
import { handleChaosControl } from '../shared';
import { controlBadRequest, handleCommonControl } from '../shared/common-control';
import { parseFaultRule } from './sim-faults';
import { SIM_ROUTES } from './sim-routes.types';
import {
  asRecord,
  noContent,
  ok,
  parseJsonBody,
  type SimRequest,
  type SimResult,
} from './sim-http';
import type { SeedOptions, SeedSummary } from './sim-seed';
import { CREDENTIAL_STATUSES, type BookingMode, type CredentialStatus } from './sim-types';
import type { TinkSimulatorControl } from './tink-simulator.control';

export const CONTROL_PREFIX = '/__control';

const badRequest = controlBadRequest;
const notFound = (): SimResult => ({ status: 404, json: { error: 'unknown control route' } });

const REFRESH_ENDINGS: readonly RefreshEnding[] = [
  'UPDATED',
  'TEMPORARY_ERROR',
  'AUTHENTICATION_ERROR',
  'PERMANENT_ERROR',
  'AWAITING_SUPPLEMENTAL_INFORMATION',
  'AWAITING_MOBILE_BANKID_AUTHENTICATION',
  'AWAITING_THIRD_PARTY_APP_AUTHENTICATION',
];

/**
 * `/__control/*` for tests and benchmarks running in another process (JSON bodies):
 * POST/GET/DELETE faults[/id], GET counters, POST counters/reset, PUT latency {ms},
 * PUT rate-limit {requestsPerSecond|null, retryAfterHeader?}, POST clock/advance {ms},
 * PUT credentials/:id/status {status}, POST credentials/:id/expire-session,
 * PUT credentials/:id/refresh-ending {ending}, PUT credentials/:id/refresh-rate-limited {limited},
 * POST transactions/:id/book {mode?, bookedDate?}, POST seed {SeedOptions}, POST reset,
 * and the shared fault layer's GET/PUT/DELETE chaos {ChaosSwitches}.
 */
export function handleControl(
  request: SimRequest,
  control: TinkSimulatorControl,
  seed: (options: SeedOptions) => SeedSummary,
): SimResult {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return badRequest('body is not valid JSON');
  const body = asRecord(parsed.value);
  const path = request.path.slice(CONTROL_PREFIX.length);
  const chaos = handleChaosControl(request.method, path, parsed.value, control.layer, SIM_ROUTES);
  if (chaos) return chaos;
  const route = `${request.method} ${path.replace(/\/(credentials|transactions|faults)\/[^/]+/, '/$1/:id')}`;
  const id = /^\/(?:credentials|transactions|faults)\/([^/]+)/.exec(path)?.[1];
  const common = handleCommonControl(route, body, control);
  if (common) return common;

  try {
    switch (route) {
      case 'POST /faults': {
        const rule = parseFaultRule(parsed.value);
        return typeof rule === 'string' ? badRequest(rule) : ok({ id: control.injectFault(rule) });
      }
      case 'GET /faults':
        return ok({ faults: control.activeFaults() });
      case 'DELETE /faults':
        control.clearFaults();
        return noContent();
      case 'DELETE /faults/:id':
        return control.removeFault(id ?? '') ? noContent() : notFound();
      case 'POST /clock/advance':
        if (typeof body.ms !== 'number') return badRequest('ms must be a number');
        control.advanceClock(body.ms);
        return ok({ now: control.now() });
      case 'PUT /credentials/:id/status':
        if (!CREDENTIAL_STATUSES.includes(body.status as CredentialStatus)) {
          return badRequest(`status must be one of ${CREDENTIAL_STATUSES.join(', ')}`);
        }
        control.setCredentialStatus(id ?? '', body.status as CredentialStatus);
        return noContent();
      case 'POST /credentials/:id/expire-session':
        control.expireSession(id ?? '');
        return noContent();
      case 'PUT /credentials/:id/refresh-ending':
        if (!REFRESH_ENDINGS.includes(body.ending as RefreshEnding)) {
          return badRequest(`ending must be one of ${REFRESH_ENDINGS.join(', ')}`);
        }
        control.setRefreshEnding(id ?? '', body.ending as RefreshEnding);
        return noContent();
      case 'PUT /credentials/:id/refresh-rate-limited':
        if (typeof body.limited !== 'boolean') return badRequest('limited must be a boolean');
        control.setRefreshRateLimited(id ?? '', body.limited);
        return noContent();
      case 'POST /transactions/:id/book': {
        const mode = body.mode;
        if (mode !== undefined && mode !== 'same-id' && mode !== 'new-id') {
          return badRequest('mode must be same-id or new-id');
        }
        const bookedDate = typeof body.bookedDate === 'string' ? body.bookedDate : undefined;
        const booked = control.bookPending(id ?? '', {
          mode: mode as BookingMode | undefined,
          bookedDate,
        });
        return ok({ id: booked.id, status: booked.status, bookedDate: booked.bookedDate });
      }
      case 'POST /seed': {
        if (typeof body.users !== 'number' || body.users < 0)
          return badRequest('users must be >= 0');
        const summary = seed(parsed.value as SeedOptions);
        return ok({
          users: summary.users.map((u) => ({ id: u.id, externalUserId: u.externalUserId })),
          accounts: summary.accounts,
          transactions: summary.transactions,
        });
      }
      default:
        return notFound();
    }
  } catch (error) {
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}
