import {
  controlDone,
  controlOk,
  numberField,
  stringField,
  stringListField,
  type SimExchangeResult,
} from '../shared';
import type { MetaLimits, MetaSettings } from './meta-state';
import type { InsightsMode } from './meta-store';
import { META_THROTTLE_CODES, type MetaSimulatorControl } from './meta-simulator.control';

const INSIGHTS_MODES: readonly InsightsMode[] = ['normal', 'empty', 'not-enough-viewers'];

/**
 * Meta's own `/__control` routes (JSON bodies): POST pages, POST users {userId, lifetime?},
 * POST posts {ownerId, createdAt?, message?}, POST seed {pages, postsPerPage}, POST tokens/expire
 * {subject}, POST tokens/revoke {subject}, POST metrics/retire {name}, POST metrics/restore {name},
 * PUT insights-mode {objectId, mode}, PUT versions {active}, PUT limits {...}, PUT settings {...},
 * POST throttle {code, times?}, POST usage/clear.
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
    case 'POST /posts':
      return controlOk(control.addPost(stringField(body, 'ownerId'), body));
    case 'POST /seed':
      return controlOk({
        pages: control.seed({
          pages: numberField(body, 'pages'),
          postsPerPage: numberField(body, 'postsPerPage'),
        }),
      });
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
    case 'PUT /insights-mode': {
      const mode = stringField(body, 'mode') as InsightsMode;
      if (!INSIGHTS_MODES.includes(mode))
        return { status: 400, json: { error: `mode must be one of ${INSIGHTS_MODES.join(', ')}` } };
      control.setInsightsMode(stringField(body, 'objectId'), mode);
      return controlDone();
    }
    case 'PUT /versions':
      control.setActiveVersions(stringListField(body, 'active'));
      return controlDone();
    case 'PUT /limits':
      control.setLimits(body as Partial<MetaLimits>);
      return controlDone();
    case 'PUT /settings':
      control.setSettings(body as Partial<MetaSettings>);
      return controlDone();
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
