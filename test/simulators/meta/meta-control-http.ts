import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  type SimExchangeResult,
} from '../shared';
import type { InsightsMode } from './meta-store';
import { META_THROTTLE_CODES, type MetaSimulatorControl } from './meta-simulator.control';

const INSIGHTS_MODES: readonly InsightsMode[] = ['normal', 'empty', 'not-enough-viewers'];

/**
 * Meta's own `/__control` routes (JSON bodies), after the shared ones (`platformControlRoutes`;
 * there POST posts takes {accountId: page or IG user id, createdAt?, message?}): POST pages, POST
 * users {userId, lifetime?}, PUT insights-mode {objectId, mode}, POST throttle {code, times?}, POST
 * usage/clear.
 */
export function metaControlRoutes(
  control: MetaSimulatorControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  switch (`${method} ${path}`) {
    case 'POST /pages':
      return controlOk(control.addPage());
    case 'POST /users':
      return controlOk({
        accessToken: control.issueUserToken(
          stringField(body, 'userId'),
          body.lifetime === 'short' ? 'short' : 'long',
        ),
      });
    case 'PUT /insights-mode': {
      const mode = stringField(body, 'mode') as InsightsMode;
      if (!INSIGHTS_MODES.includes(mode))
        return { status: 400, json: { error: `mode must be one of ${INSIGHTS_MODES.join(', ')}` } };
      control.setInsightsMode(stringField(body, 'objectId'), mode);
      return controlDone();
    }
    case 'POST /throttle':
      control.forceThrottle(
        numberField(body, 'code') as (typeof META_THROTTLE_CODES)[number],
        typeof body.times === 'number' ? body.times : 1,
      );
      return controlDone();
    case 'POST /usage/clear':
      control.clearUsage();
      return controlDone();
    default:
      return undefined;
  }
}
