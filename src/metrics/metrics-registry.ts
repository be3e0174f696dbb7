import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One registry per application instance, never prom-client's global one: several apps in one process
 * (tests, benchmarks) would otherwise share counters or collide on metric names.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
