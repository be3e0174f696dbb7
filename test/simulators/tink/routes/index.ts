import type { RouteDefinition } from '../sim-state';
import { credentialRoutes } from './credentials.routes';
import { dataRoutes } from './data.routes';
import { oauthRoutes } from './oauth.routes';

export const ROUTES: readonly RouteDefinition[] = [
  ...oauthRoutes,
  ...dataRoutes,
  ...credentialRoutes,
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
