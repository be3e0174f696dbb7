import { productionNodeFlags } from '../production-node-flags';
import type { RuntimeMode } from '../scheduler/bench-settings';

/** What the API benchmark can be told through the environment, with its defaults. */
export interface ApiBenchSettings {
  serverUrl: string;
  quick: boolean;
  /** Task counts to seed and measure, one phase each. */
  taskCounts: number[];
  /** Routes to load, by name (`health` is always measured: the others are held against it). */
  routes: string[] | null;
  /** task_logs rows seeded per task: the run history the /task-runs routes page through. */
  runsPerTask: number;
  connections: number;
  /** Each route is loaded once per round, the routes in turn. */
  rounds: number;
  warmupSeconds: number;
  windowSeconds: number;
  logLevel: string;
  cpuProfile: boolean;
  runtime: RuntimeMode;
  serverNodeFlags: string[];
}

export function readApiBenchSettings(env: NodeJS.ProcessEnv = process.env): ApiBenchSettings {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const number = (name: string, full: number, short = full): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return quick ? short : full;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  const counts = env.BENCH_API_TASKS
    ? env.BENCH_API_TASKS.split(',').map((item) => Number(item.trim()))
    : quick
      ? [10_000]
      : [10_000, 100_000];
  if (counts.some((count) => !Number.isInteger(count) || count <= 0))
    throw new Error('BENCH_API_TASKS must be a comma-separated list of positive integers');
  return {
    serverUrl: (env.BENCH_DATABASE_URL || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, ''),
    quick,
    taskCounts: counts,
    routes: env.BENCH_API_ROUTES
      ? env.BENCH_API_ROUTES.split(',').map((name) => name.trim())
      : null,
    runsPerTask: number('BENCH_API_RUNS_PER_TASK', 3),
    connections: number('BENCH_API_CONNECTIONS', 10),
    rounds: number('BENCH_API_ROUNDS', 3, 2),
    warmupSeconds: number('BENCH_WARMUP_SECONDS', 2, 1),
    windowSeconds: number('BENCH_WINDOW_SECONDS', 5, 3),
    logLevel: env.BENCH_LOG_LEVEL || 'info',
    cpuProfile: env.BENCH_CPU_PROF === '1' || env.BENCH_CPU_PROF === 'true',
    runtime: env.BENCH_RUNTIME === 'ts-node' ? 'ts-node' : 'compiled',
    serverNodeFlags:
      env.BENCH_NODE_FLAGS === undefined
        ? productionNodeFlags()
        : env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean),
  };
}
