import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  type SimExchangeResult,
} from '../shared';
import type { XLimits, XSettings } from './x-state';
import type { XSimulatorControl } from './x-simulator.control';

/**
 * X's own `/__control` routes (JSON bodies): POST users {userId} (a grant), GET app-token, POST
 * tokens/expire {subject}, POST tokens/revoke {subject}, POST posts {userId, createdAt?, text?},
 * POST seed {users, postsPerUser}, POST fields/retire {name}, POST fields/restore {name}, PUT limits
 * {perUserWindow?, perAppWindow?, usageCapped?}, PUT settings {repostMetricName?,
 * privateMetricsDays?}.
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
    case 'POST /tokens/expire':
      return controlOk({ expired: control.expireTokens(stringField(body, 'subject')) });
    case 'POST /tokens/revoke':
      return controlOk({ revoked: control.revokeTokens(stringField(body, 'subject')) });
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'userId'), body));
    case 'POST /seed':
      return controlOk(
        control.seed({
          users: numberField(body, 'users'),
          postsPerUser: numberField(body, 'postsPerUser'),
        }),
      );
    case 'POST /fields/retire':
      control.retireField(stringField(body, 'name'));
      return controlDone();
    case 'POST /fields/restore':
      control.restoreField(stringField(body, 'name'));
      return controlDone();
    case 'PUT /limits':
      control.setLimits(body as Partial<XLimits>);
      return controlDone();
    case 'PUT /settings':
      control.setSettings(body as Partial<XSettings>);
      return controlDone();
    default:
      return undefined;
  }
}
