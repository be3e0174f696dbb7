import type { RouteDefinition } from '../sim-state';
import { AUTH_ROUTES } from './auth.routes';
import { CONNECTION_ROUTES } from './connections.routes';
import { DATA_ROUTES } from './data.routes';
import { WEBAUTH_ROUTES, WEBVIEW_ROUTES } from './webview.routes';

/** Powens' API, under `/2.0`. */
export const API_ROUTES: readonly RouteDefinition[] = [
  ...AUTH_ROUTES,
  ...CONNECTION_ROUTES,
  ...DATA_ROUTES,
  ...WEBAUTH_ROUTES,
];

export const API_PREFIX = '/2.0';

export const ROUTE_NAMES: readonly string[] = [...API_ROUTES, ...WEBVIEW_ROUTES].map(
  (route) => route.name,
);

export interface MatchedRoute {
  readonly route: RouteDefinition;
  readonly params: Record<string, string>;
}

/** API routes match the path after `/2.0`; the webview's match the whole path. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const [routes, local] = path.startsWith(`${API_PREFIX}/`)
    ? [API_ROUTES, path.slice(API_PREFIX.length)]
    : [WEBVIEW_ROUTES, path];
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(local);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}
