import type { RouteDefinition } from '../sim-state';
import { accountRoutes } from './accounts.routes';
import { agreementRoutes } from './agreements.routes';
import { institutionRoutes } from './institutions.routes';
import { requisitionRoutes } from './requisitions.routes';
import { tokenRoutes } from './token.routes';

export const ROUTES: readonly RouteDefinition[] = [
  ...tokenRoutes,
  ...institutionRoutes,
  ...agreementRoutes,
  ...requisitionRoutes,
  ...accountRoutes,
];

export function matchRoute(
  method: string,
  path: string,
): { route: RouteDefinition; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

/** The path exists under another method (GoCardless answers 405). */
export function pathKnown(path: string): boolean {
  return ROUTES.some((route) => route.pattern.test(path));
}
