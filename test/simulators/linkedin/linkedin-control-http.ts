import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  stringListField,
  type SimExchangeResult,
} from '../shared';
import type { LinkedInLimits } from './linkedin-state';
import type { LinkedInSimulatorControl } from './linkedin-simulator.control';

/**
 * LinkedIn's own `/__control` routes (JSON bodies): POST members {memberId}, POST tokens/expire
 * {subject}, POST tokens/revoke {subject}, POST posts {organizationId, kind?, createdAt?,
 * statistics?}, DELETE posts/:urn, POST seed {organizations, postsPerOrganization}, POST
 * metrics/grow, POST metrics/retire {name}, POST metrics/restore {name}, PUT versions {active},
 * PUT limits {appPerDay?, memberPerDay?, infrastructureThrottleRate?}, POST limits/clear-day.
 */
export function linkedInControlRoutes(
  control: LinkedInSimulatorControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  const deletedPost = /^\/posts\/(.+)$/.exec(path);
  if (method === 'DELETE' && deletedPost) {
    return control.deletePost(decodeURIComponent(deletedPost[1]))
      ? controlDone()
      : { status: 404, json: { error: 'unknown post' } };
  }
  switch (`${method} ${path}`) {
    case 'POST /members':
      return controlOk(control.authorizeMember(stringField(body, 'memberId')));
    case 'POST /tokens/expire':
      return controlOk({ expired: control.expireTokens(stringField(body, 'subject')) });
    case 'POST /tokens/revoke':
      return controlOk({ revoked: control.revokeTokens(stringField(body, 'subject')) });
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'organizationId'), body));
    case 'POST /seed':
      return controlOk(
        control.seed({
          organizations: numberField(body, 'organizations'),
          postsPerOrganization: numberField(body, 'postsPerOrganization'),
        }),
      );
    case 'POST /metrics/grow':
      control.growStatistics();
      return controlDone();
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
      control.setLimits(body as Partial<LinkedInLimits>);
      return controlDone();
    case 'POST /limits/clear-day':
      control.clearDailyCalls();
      return controlDone();
    default:
      return undefined;
  }
}
