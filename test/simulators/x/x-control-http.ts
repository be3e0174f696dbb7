import { controlOk, stringField, type SimExchangeResult } from '../shared';
import type { XSimulatorControl } from './x-simulator.control';

/**
 * X's own `/__control` routes (JSON bodies), after the shared ones (`platformControlRoutes`;
 * there POST posts takes {accountId: user id, createdAt?, text?}): POST users {userId} (a grant),
 * GET app-token.
 */
export function xControlRoutes(
  control: XSimulatorControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  switch (`${method} ${path}`) {
    case 'POST /users':
      return controlOk(control.authorizeUser(stringField(body, 'userId')));
    case 'GET /app-token':
      return controlOk({ bearerToken: control.appBearerToken });
    default:
      return undefined;
  }
}
