import type { SimExchangeRequest, SimExchangeResult } from './sim-exchange';

export interface SimRoute {
  /** Stable name for counters and per-route chaos switches. */
  readonly name: string;
  readonly method: string;
  readonly pattern: RegExp;
  handle(request: SimExchangeRequest, params: readonly string[]): SimExchangeResult;
}

export function matchSimRoute(
  routes: readonly SimRoute[],
  method: string,
  path: string,
): { route: SimRoute; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}
