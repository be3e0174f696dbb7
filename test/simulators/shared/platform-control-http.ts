import { controlDone, controlOk, stringField, stringListField } from './control-body';
import type { PlatformControl } from './platform-control';
import type { SimExchangeResult } from './sim-exchange';

/**
 * The `/__control` routes every social platform shares (JSON bodies): POST tokens/expire
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
