import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  type SimExchangeResult,
  platformControlRoutes,
} from '../shared';
import type { InsightsMode } from './meta-store';
import { META_THROTTLE_CODES, type MetaSimulatorControl } from './meta-simulator.control';

const INSIGHTS_MODES: readonly InsightsMode[] = ['normal', 'empty', 'not-enough-viewers'];

/**
 * Meta's own `/__control` routes (JSON bodies), after the shared ones (`platformControlRoutes`):
 * POST pages, POST users {userId, lifetime?}, POST posts {ownerId, createdAt?, message?}, POST seed
 * {pages, postsPerPage}, PUT insights-mode {objectId, mode}, POST throttle {code, times?}, POST
 * usage/clear.
 */
export function metaControlRoutes(
  control: MetaSimulatorControl,
  method: string,
  path: string,
  body: Record<string, unknown>,
): SimExchangeResult | undefined {
  const shared = platformControlRoutes(control, method, path, body);
  if (shared) return shared;
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
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'ownerId'), body));
    case 'POST /seed':
      return controlOk({
        pages: control.seed({
          pages: numberField(body, 'pages'),
          postsPerPage: numberField(body, 'postsPerPage'),
        }),
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
