import { handleChaosControl } from '../shared';
import type { PowensSimulatorControl } from './powens-simulator.control';
import { ROUTE_NAMES } from './routes';
import { parseFaultRule } from './sim-faults';
import {
  asRecord,
  noContent,
  ok,
  parseJsonBody,
  type SimRequest,
  type SimResult,
} from './sim-http';
import { isConnectionState } from './sim-types';

export const CONTROL_PREFIX = '/__control';

const badRequest = (message: string): SimResult => ({ status: 400, json: { error: message } });
const notFound = (): SimResult => ({ status: 404, json: { error: 'unknown control route' } });

const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The named numbers present in `body`, or what is wrong with one of them. */
function pickNonNegative<K extends string>(
  body: Record<string, unknown>,
  names: readonly K[],
): Partial<Record<K, number>> | string {
  const picked: Partial<Record<K, number>> = {};
  for (const name of names) {
    const value = body[name];
    if (value === undefined) continue;
    if (!isNonNegative(value)) return `${name} must be a non-negative number`;
    picked[name] = value;
  }
  return picked;
}

/**
 * `/__control/*` for tests running in another process (JSON bodies): GET counters, POST reset,
 * PUT latency {ms}, POST clock/advance {ms}, PUT sync {delayMs?, minGapMs?}, GET sync-requests,
 * PUT connections/:id/state {state, error_message?}, POST connections/:id/expire,
 * POST connections/:id/next-sync {state, error_message?}, PUT webhook {url, secret} | null,
 * GET webhooks, PUT webview {outcome?, accountsPerConnection?, transactionsPerAccount?},
 * POST faults {FaultRule}, and the shared fault layer's GET/PUT/DELETE chaos.
 */
export function handleControl(request: SimRequest, control: PowensSimulatorControl): SimResult {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return badRequest('body is not valid JSON');
  const body = asRecord(parsed.value);
  const path = request.path.slice(CONTROL_PREFIX.length);
  const chaos = handleChaosControl(request.method, path, parsed.value, control.layer, ROUTE_NAMES);
  if (chaos) return chaos;
  const connectionId = Number(/^\/connections\/(\d+)\//.exec(path)?.[1]);
  const route = `${request.method} ${path.replace(/^\/connections\/\d+\//, '/connections/:id/')}`;

  try {
    switch (route) {
      case 'GET /counters':
        return ok(control.counters());
      case 'POST /reset':
        control.reset();
        return noContent();
      case 'PUT /latency':
        if (!isNonNegative(body.ms)) return badRequest('ms must be a non-negative number');
        control.setLatency(body.ms);
        return noContent();
      case 'POST /clock/advance':
        if (!isNonNegative(body.ms)) return badRequest('ms must be a non-negative number');
        control.advanceClock(body.ms);
        return ok({ now: control.now() });
      case 'PUT /sync': {
        const settings = pickNonNegative(body, ['delayMs', 'minGapMs']);
        if (typeof settings === 'string') return badRequest(settings);
        control.configureSync(settings);
        return noContent();
      }
      case 'GET /sync-requests':
        return ok({ requests: control.syncRequests() });
      case 'PUT /connections/:id/state':
      case 'POST /connections/:id/next-sync': {
        if (!isConnectionState(body.state)) return badRequest('state must be null or a state');
        const message = typeof body.error_message === 'string' ? body.error_message : undefined;
        if (route.startsWith('PUT')) control.setConnectionState(connectionId, body.state, message);
        else control.queueSyncOutcome(connectionId, { state: body.state, errorMessage: message });
        return noContent();
      }
      case 'POST /connections/:id/expire':
        control.expireConnection(connectionId);
        return noContent();
      case 'PUT /webhook':
        if (parsed.value === null) {
          control.setWebhook(null);
          return noContent();
        }
        if (typeof body.url !== 'string' || typeof body.secret !== 'string') {
          return badRequest('give url and secret, or null');
        }
        control.setWebhook({ url: body.url, secret: body.secret });
        return noContent();
      case 'GET /webhooks':
        return ok({ deliveries: control.webhookDeliveries() });
      case 'PUT /webview': {
        const { outcome } = body;
        if (outcome !== undefined && outcome !== 'connect' && outcome !== 'access_denied') {
          return badRequest('outcome must be connect or access_denied');
        }
        const sizes = pickNonNegative(body, ['accountsPerConnection', 'transactionsPerAccount']);
        if (typeof sizes === 'string') return badRequest(sizes);
        control.setWebview(outcome === undefined ? sizes : { ...sizes, outcome });
        return noContent();
      }
      case 'POST /faults': {
        const rule = parseFaultRule(parsed.value, ROUTE_NAMES);
        if (typeof rule === 'string') return badRequest(rule);
        control.injectFault(rule);
        return noContent();
      }
      default:
        return notFound();
    }
  } catch (error) {
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}
