import { productionNodeFlags } from '../production-node-flags';

/** Everything the scheduler benchmark can be told through the environment, with its defaults. */
export interface SchedulerBenchSettings {
  serverUrl: string;
  quick: boolean;
  scenarios: ScenarioName[];
  instanceCounts: number[];
  warmupSeconds: number;
  windowSeconds: Record<ScenarioName, number>;
  drainSeconds: number;
  /**
   * Instances are stopped this many ms after a whole second, while that second's dispatch pass is
   * claiming fires: the moment a deploy hits at random, made repeatable.
   */
  stopOffsetMs: number;
  baselineJobs: number;
  baselineWindowSeconds: number;
  logLevel: string;
  cpuProfile: boolean;
  runtime: RuntimeMode;
  /**
   * Node flags of the finsync instances: by default those of `npm run start:prod` (the production
   * V8 heap budget); BENCH_NODE_FLAGS replaces them (empty: Node's defaults).
   */
  instanceNodeFlags: string[];
  /** SCHEDULER_* settings handed to every finsync instance (tuning experiments). */
  schedulerEnv: Record<string, string>;
}

export type ScenarioName = 'A' | 'B';

export type RuntimeMode = 'compiled' | 'ts-node';

const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306';

export function readBenchSettings(env: NodeJS.ProcessEnv = process.env): SchedulerBenchSettings {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const seconds = (name: string, full: number, short: number): number =>
    positiveNumber(env[name], quick ? short : full, name);
  return {
    serverUrl: (env.BENCH_DATABASE_URL || DEFAULT_SERVER_URL).replace(/\/+$/, ''),
    quick,
    scenarios: listOf(env.BENCH_SCENARIOS, ['A', 'B'], (item) => {
      const name = item.toUpperCase();
      if (name !== 'A' && name !== 'B')
        throw new Error(`BENCH_SCENARIOS: unknown scenario ${item}`);
      return name;
    }),
    instanceCounts: listOf(env.BENCH_INSTANCES, [1, 2], (item) =>
      positiveNumber(item, 1, 'BENCH_INSTANCES'),
    ),
    warmupSeconds: seconds('BENCH_WARMUP_SECONDS', 15, 4),
    windowSeconds: {
      A: seconds('BENCH_WINDOW_A_SECONDS', 90, 10),
      B: seconds('BENCH_WINDOW_B_SECONDS', 60, 10),
    },
    drainSeconds: seconds('BENCH_DRAIN_SECONDS', 8, 3),
    stopOffsetMs: nonNegativeNumber(env.BENCH_STOP_OFFSET_MS, 20, 'BENCH_STOP_OFFSET_MS'),
    baselineJobs: positiveNumber(env.BENCH_BASELINE_JOBS, 10_000, 'BENCH_BASELINE_JOBS'),
    baselineWindowSeconds: seconds('BENCH_WINDOW_BASELINE_SECONDS', 60, 10),
    logLevel: env.BENCH_LOG_LEVEL || 'info',
    cpuProfile: env.BENCH_CPU_PROF === '1' || env.BENCH_CPU_PROF === 'true',
    instanceNodeFlags:
      env.BENCH_NODE_FLAGS === undefined
        ? productionNodeFlags()
        : env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean),
    runtime: env.BENCH_RUNTIME === 'ts-node' ? 'ts-node' : 'compiled',
    schedulerEnv: schedulerOverrides(env),
  };
}

function schedulerOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('SCHEDULER_') && name !== 'SCHEDULER_INSTANCE_ID' && value)
      overrides[name] = value;
  }
  return overrides;
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function nonNegativeNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

function listOf<T>(raw: string | undefined, fallback: T[], parse: (item: string) => T): T[] {
  if (!raw) return fallback;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(parse);
}
