import { parseChaosSwitches } from './chaos-switches';
import type { FaultLayer } from './fault-layer';

export interface ControlAnswer {
  readonly status: number;
  readonly json?: unknown;
}

/**
 * The fault layer's part of a simulator's control endpoint (paths after the control prefix):
 * `GET /chaos` → `{switches, counters}`, `PUT /chaos` {ChaosSwitches} replaces every switch,
 * `DELETE /chaos` turns them all off. `undefined` for any other path.
 */
export function handleChaosControl(
  method: string,
  path: string,
  body: unknown,
  layer: FaultLayer,
  knownRoutes: readonly string[],
): ControlAnswer | undefined {
  if (path !== '/chaos') return undefined;
  switch (method) {
    case 'GET':
      return { status: 200, json: { switches: layer.chaos, counters: { ...layer.counters } } };
    case 'PUT': {
      const switches = parseChaosSwitches(body, knownRoutes);
      if (typeof switches === 'string') return { status: 400, json: { error: switches } };
      layer.setChaos(switches);
      return { status: 204 };
    }
    case 'DELETE':
      layer.setChaos({});
      return { status: 204 };
    default:
      return { status: 405, json: { error: 'use GET, PUT or DELETE' } };
  }
}
