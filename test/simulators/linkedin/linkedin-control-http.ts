import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  type SimExchangeResult,
  platformControlRoutes,
} from '../shared';
import type { LinkedInSimulatorControl } from './linkedin-simulator.control';

/**
 * LinkedIn's own `/__control` routes (JSON bodies), after the shared ones
 * (`platformControlRoutes`): POST members {memberId}, POST posts {organizationId, kind?,
 * createdAt?, statistics?}, DELETE posts/:urn, POST seed {organizations, postsPerOrganization},
 * POST metrics/grow, POST limits/clear-day.
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
  const shared = platformControlRoutes(control, method, path, body);
  if (shared) return shared;
  switch (`${method} ${path}`) {
    case 'POST /members':
      return controlOk(control.authorizeMember(stringField(body, 'memberId')));
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
    case 'POST /limits/clear-day':
      control.clearDailyCalls();
      return controlDone();
    default:
      return undefined;
  }
}
