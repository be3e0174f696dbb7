import {
  controlOk,
  numberField,
  stringField,
  type SimExchangeResult,
  platformControlRoutes,
} from '../shared';
import type { XSimulatorControl } from './x-simulator.control';

/**
 * X's own `/__control` routes (JSON bodies), after the shared ones (`platformControlRoutes`):
 * POST users {userId} (a grant), GET app-token, POST posts {userId, createdAt?, text?}, POST seed
 * {users, postsPerUser}.
 */
export function xControlRoutes(
  control: XSimulatorControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  const shared = platformControlRoutes(control, method, path, body);
  if (shared) return shared;
  switch (`${method} ${path}`) {
    case 'POST /users':
      return controlOk(control.authorizeUser(stringField(body, 'userId')));
    case 'GET /app-token':
      return controlOk({ bearerToken: control.appBearerToken });
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'userId'), body));
    case 'POST /seed':
      return controlOk(
        control.seed({
          users: numberField(body, 'users'),
          postsPerUser: numberField(body, 'postsPerUser'),
        }),
      );
    default:
      return undefined;
  }
}
