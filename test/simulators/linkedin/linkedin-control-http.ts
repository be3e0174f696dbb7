import { controlDone, controlOk, stringField, type SimExchangeResult } from '../shared';
import type { LinkedInSimulatorControl } from './linkedin-simulator.control';

/**
 * LinkedIn's own `/__control` routes (JSON bodies), after the shared ones
 * (`platformControlRoutes`; there POST posts takes {accountId: organization id, kind?, createdAt?,
 * commentary?, statistics?}): POST members {memberId}, DELETE posts/:urn, POST metrics/grow, POST
 * limits/clear-day.
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
