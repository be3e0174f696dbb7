import { asRecord } from './sim-http';

/** A canned answer for the next matching requests, or a pause before them. */
export interface FaultRule {
  /** Route name (e.g. `transactions.list`); absent = any API route. */
  readonly route?: string;
  /** How many requests it hits (default 1). */
  readonly times?: number;
  /** An error answer: status and Powens error code (default `bug`). */
  readonly status?: number;
  readonly code?: string;
  /** A pause of this many ms before the route runs (instead of an error answer). */
  readonly delayMs?: number;
}

export type FaultEffect =
  | { readonly kind: 'status'; readonly status: number; readonly code: string }
  | { readonly kind: 'delay'; readonly ms: number };

/** Queued one-shot faults, used in order of injection. */
export class FaultQueue {
  private rules: { rule: FaultRule; left: number }[] = [];

  inject(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  take(route: string | undefined): FaultEffect | undefined {
    const entry = this.rules.find(
      (candidate) => candidate.rule.route === undefined || candidate.rule.route === route,
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((candidate) => candidate !== entry);
    const { rule } = entry;
    return rule.delayMs !== undefined
      ? { kind: 'delay', ms: rule.delayMs }
      : { kind: 'status', status: rule.status ?? 500, code: rule.code ?? 'bug' };
  }

  clear(): void {
    this.rules = [];
  }
}

/** Validates a rule sent to the control endpoint; a string says what is wrong. */
export function parseFaultRule(value: unknown, routes: readonly string[]): FaultRule | string {
  const body = asRecord(value);
  const isCount = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) > 0);
  if (body.route !== undefined && !routes.includes(String(body.route))) {
    return `unknown route ${String(body.route)}`;
  }
  if (!isCount(body.times)) return 'times must be a positive integer';
  if (body.status === undefined && body.delayMs === undefined) return 'give status or delayMs';
  if (body.status !== undefined && (typeof body.status !== 'number' || body.status < 400)) {
    return 'status must be a number ≥ 400';
  }
  if (body.delayMs !== undefined && (typeof body.delayMs !== 'number' || body.delayMs < 0)) {
    return 'delayMs must be a non-negative number';
  }
  return body as FaultRule;
}
