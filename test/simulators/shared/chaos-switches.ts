/**
 * What a real provider does now and then and a polite simulator never does. Each probabilistic
 * switch hits that share of the requests it applies to (`rate` 0–1), optionally only on some routes
 * (the simulator's route names).
 */
export interface ChaosSwitches {
  /** The request budget's 429s carry no `Retry-After`, no other header of the provider, no body. */
  readonly bareRateLimit?: boolean;
  /** 2xx JSON bodies cut off half-way (their `Content-Length` is the cut body's). */
  readonly truncatedBodies?: ChaosRate;
  /**
   * Non-GET requests answered 5xx (default 503). `afterHandler`: the provider acted first (a refresh
   * started, a code was spent), so the client cannot know from the answer.
   */
  readonly nonGetServerErrors?: ChaosRate & {
    readonly status?: number;
    readonly afterHandler?: boolean;
  };
  /** The connection is reset after the route ran, before any byte of the answer. */
  readonly connectionResets?: ChaosRate;
  /** Status and headers at once, the body `delayMs` later (longer than the client's timeout). */
  readonly slowBodies?: ChaosRate & { readonly delayMs: number };
}

export interface ChaosRate {
  readonly rate: number;
  readonly routes?: readonly string[];
}

type RateSwitch = 'truncatedBodies' | 'nonGetServerErrors' | 'connectionResets' | 'slowBodies';
const RATE_SWITCHES: readonly RateSwitch[] = [
  'truncatedBodies',
  'nonGetServerErrors',
  'connectionResets',
  'slowBodies',
];

/** Validates switches that arrived as JSON; returns the problem as a string. */
export function parseChaosSwitches(
  input: unknown,
  knownRoutes: readonly string[],
): ChaosSwitches | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return 'body must be an object';
  }
  const record = input as Record<string, unknown>;
  const known = new Set<string>(['bareRateLimit', ...RATE_SWITCHES]);
  const unknown = Object.keys(record).filter((key) => !known.has(key));
  if (unknown.length > 0)
    return `unknown switch ${unknown.join(', ')}; known: ${[...known].join(', ')}`;
  if (record.bareRateLimit !== undefined && typeof record.bareRateLimit !== 'boolean') {
    return 'bareRateLimit must be a boolean';
  }
  for (const name of RATE_SWITCHES) {
    const value = record[name];
    if (value === undefined || value === null) continue;
    const problem = rateProblem(name, value, knownRoutes);
    if (problem) return problem;
  }
  const serverErrors = record.nonGetServerErrors as Record<string, unknown> | undefined;
  if (serverErrors) {
    const { status, afterHandler } = serverErrors;
    if (status !== undefined && (typeof status !== 'number' || status < 500 || status > 599)) {
      return 'nonGetServerErrors.status must be a 5xx status';
    }
    if (afterHandler !== undefined && typeof afterHandler !== 'boolean') {
      return 'nonGetServerErrors.afterHandler must be a boolean';
    }
  }
  const slow = record.slowBodies as Record<string, unknown> | undefined;
  if (slow && (typeof slow.delayMs !== 'number' || slow.delayMs < 0)) {
    return 'slowBodies.delayMs must be a non-negative number';
  }
  return input as ChaosSwitches;
}

function rateProblem(name: string, value: unknown, knownRoutes: readonly string[]): string | null {
  if (typeof value !== 'object' || Array.isArray(value)) return `${name} must be an object`;
  const { rate, routes } = value as Record<string, unknown>;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    return `${name}.rate must be a number from 0 to 1`;
  }
  if (routes !== undefined) {
    if (!Array.isArray(routes)) return `${name}.routes must be an array`;
    const strange = routes.filter((route) => !knownRoutes.includes(route as string));
    if (strange.length > 0) return `${name}.routes: unknown route ${strange.join(', ')}`;
  }
  return null;
}
