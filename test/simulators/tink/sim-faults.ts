import { SIM_ROUTES, type SimRoute } from './sim-routes.types';

/**
 * What an injected fault does to a matching request:
 * - `status`: that HTTP status with `body` (default `{errorMessage, errorCode}`);
 * - `rate_limit`: 429, with `Retry-After: <retryAfter>` when given (seconds or an HTTP date);
 * - `hang`: never answers (until the client gives up or the simulator stops);
 * - `delay`: answers normally after `ms`;
 * - `malformed_json`: 200 with a truncated JSON body; `invalid_shape`: 200 with valid JSON of the
 *   wrong shape; `drop_connection`: destroys the socket;
 * - `session_expired` / `authentication_error`: 401 with that `errorCode`;
 * - `temporary_error`: 503 with errorCode `TEMPORARY_ERROR`.
 */
export type FaultEffect =
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown }
  | { readonly kind: 'rate_limit'; readonly retryAfter?: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'malformed_json' }
  | { readonly kind: 'invalid_shape' }
  | { readonly kind: 'drop_connection' }
  | { readonly kind: 'session_expired' }
  | { readonly kind: 'authentication_error' }
  | { readonly kind: 'temporary_error' };

export interface FaultMatch {
  /** A route name, or all routes when omitted. */
  readonly route?: SimRoute;
  /** Requests about this credential: its own routes, and data routes of its user. */
  readonly credentialId?: string;
  readonly userId?: string;
  /** How many matching requests it hits; default 1, `Infinity` (or `null` over HTTP) = until cleared. */
  readonly times?: number | null;
  /**
   * The route runs first (a refresh starts, a code is spent) and the fault replaces its answer: the
   * server acted although the client sees a failure.
   */
  readonly afterHandler?: boolean;
}

export type FaultRule = FaultMatch & FaultEffect;

export interface FaultTarget {
  readonly route: SimRoute;
  readonly userId?: string;
  readonly credentialId?: string;
}

interface ActiveFault {
  readonly id: string;
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly ownerOfCredential: (credentialId: string) => string | undefined) {}

  add(rule: FaultRule): string {
    const id = `fault-${this.nextId}`;
    this.nextId += 1;
    const times = rule.times === null ? Infinity : (rule.times ?? 1);
    this.faults.push({ id, rule, remaining: times });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): { id: string; rule: FaultRule; remaining: number }[] {
    return this.faults.map(({ id, rule, remaining }) => ({ id, rule, remaining }));
  }

  /** The first matching fault, consuming one of its uses. */
  take(target: FaultTarget): FaultRule | undefined {
    const fault = this.faults.find((candidate) => this.matches(candidate.rule, target));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.remove(fault.id);
    return fault.rule;
  }

  private matches(rule: FaultRule, target: FaultTarget): boolean {
    if (rule.route !== undefined && rule.route !== target.route) return false;
    if (rule.userId !== undefined && rule.userId !== target.userId) return false;
    if (rule.credentialId !== undefined) {
      if (target.credentialId !== undefined) return target.credentialId === rule.credentialId;
      const owner = this.ownerOfCredential(rule.credentialId);
      return owner !== undefined && owner === target.userId;
    }
    return true;
  }
}

const FAULT_KINDS = new Set<FaultEffect['kind']>([
  'status',
  'rate_limit',
  'hang',
  'delay',
  'malformed_json',
  'invalid_shape',
  'drop_connection',
  'session_expired',
  'authentication_error',
  'temporary_error',
]);

/** Validates a fault rule that arrived as JSON on the control endpoint. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (typeof input !== 'object' || input === null) return 'body must be an object';
  const record = input as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !FAULT_KINDS.has(kind as FaultEffect['kind'])) {
    return `kind must be one of ${[...FAULT_KINDS].join(', ')}`;
  }
  const route = record.route;
  if (route !== undefined && !(SIM_ROUTES as readonly unknown[]).includes(route)) {
    return `route must be one of ${SIM_ROUTES.join(', ')}`;
  }
  for (const key of ['credentialId', 'userId', 'retryAfter'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string')
      return `${key} must be a string`;
  }
  if (record.afterHandler !== undefined && typeof record.afterHandler !== 'boolean') {
    return 'afterHandler must be a boolean';
  }
  const times = record.times;
  if (times !== undefined && times !== null && (typeof times !== 'number' || times < 1)) {
    return 'times must be a positive number or null';
  }
  if (
    kind === 'status' &&
    (typeof record.status !== 'number' || record.status < 100 || record.status > 599)
  ) {
    return 'status must be an HTTP status code';
  }
  if (kind === 'delay' && (typeof record.ms !== 'number' || record.ms < 0)) {
    return 'ms must be a non-negative number';
  }
  return input as FaultRule;
}
