import {
  ControlInputError,
  controlDone,
  controlOk,
  numberField,
  stringField,
  stringListField,
} from './control-body';
import type { PlatformControl } from './platform-control';
import type { SimExchangeResult } from './sim-exchange';

/**
 * The `/__control` routes every social platform shares (JSON bodies): POST seed {accounts,
 * postsPerAccount}, POST posts {accountId, ...the platform's post fields}, POST failures {status,
 * times?, route?}, POST tokens/expire
 * {subject}, POST tokens/revoke {subject}, POST metrics/retire {name}, POST metrics/restore
 * {name}, PUT versions {active}, PUT limits {...}, PUT settings {...}. `undefined` for others.
 */
export function platformControlRoutes(
  control: PlatformControl<object>,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  switch (`${method} ${path}`) {
    case 'POST /seed':
      return controlOk(
        control.seed({
          accounts: numberField(body, 'accounts'),
          postsPerAccount: numberField(body, 'postsPerAccount'),
        }),
      );
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'accountId'), body));
    case 'POST /failures': {
      const status = numberField(body, 'status');
      if (status < 400 || status > 599) throw new ControlInputError('status must be 4xx or 5xx');
      const times = body.times === undefined ? 1 : numberField(body, 'times');
      const route = body.route === undefined ? undefined : stringField(body, 'route');
      control.failNext(status, times, route);
      return controlDone();
    }
    case 'POST /tokens/expire':
      return controlOk({ expired: control.expireTokens(stringField(body, 'subject')) });
    case 'POST /tokens/revoke':
      return controlOk({ revoked: control.revokeTokens(stringField(body, 'subject')) });
    case 'POST /metrics/retire':
      control.retireMetric(stringField(body, 'name'));
      return controlDone();
    case 'POST /metrics/restore':
      control.restoreMetric(stringField(body, 'name'));
      return controlDone();
    case 'PUT /versions':
      control.setActiveVersions(stringListField(body, 'active'));
      return controlDone();
    case 'PUT /limits':
      control.setLimits(body);
      return controlDone();
    case 'PUT /settings':
      control.setSettings(body);
      return controlDone();
    default:
      return undefined;
  }
}
