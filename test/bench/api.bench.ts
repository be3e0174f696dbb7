import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ApiHarnessCommand, ApiServerMessage } from './api/api-messages';
import { ApiBenchSettings, readApiBenchSettings } from './api/api-bench-settings';
import {
  ApiPhase,
  buildApiReport,
  formatApiReport,
  RouteFigures,
  writeApiReport,
} from './api/api-report';
import { seedLedger } from './api/ledger-seeder';
import { CpuSeconds, cpuSplit, CpuWatch } from './api/cpu-split';
import { loadFigures, LoadSample, runLoad } from './api/load-loop';
import { BenchChild } from './scheduler/bench-child';
import { BenchDatabase, createBenchDatabase } from './scheduler/bench-database';
import { createWorkDir } from './scheduler/bench-run-context';
import { ChildRuntime, prepareChildRuntime } from './scheduler/child-runtime';
import { findLocalDatabaseServer } from './scheduler/process-sampler';

const BOOT_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 30_000;
const SERVER_WORKER = join(__dirname, 'api', 'api-server-worker.ts');
const MAX_PAGE = 200;

interface Route {
  name: string;
  path: string;
  admin: boolean;
}

/**
 * The operator API under read load (issue 11): the task list and the run history at 10,000 tasks
 * (and 100,000 in the full run), each against `/health` measured the same way in the same phase.
 * finsync runs as `npm run start:prod` does, in its own process, on a throw-away MySQL database.
 */
export async function runApiBenchmark(): Promise<void> {
  const settings = readApiBenchSettings();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const workDir = createWorkDir(`api-${stamp}`);
  const runtime = prepareChildRuntime(settings.runtime, workDir, [
    'src',
    join('test', 'bench', 'api'),
  ]);
  const phases: ApiPhase[] = [];
  log(`children run ${runtime.mode}; logs in ${workDir}${settings.quick ? '; QUICK mode' : ''}`);
  try {
    for (const tasks of settings.taskCounts) {
      phases.push(await runPhase(settings, runtime, workDir, tasks));
    }
  } finally {
    runtime.dispose();
  }
  const report = buildApiReport(startedAt, settings, phases);
  console.log(`\n${formatApiReport(report)}\n`);
  log(`report written to ${await writeApiReport(report)}`);
}

async function runPhase(
  settings: ApiBenchSettings,
  runtime: ChildRuntime,
  workDir: string,
  taskCount: number,
): Promise<ApiPhase> {
  const database = await createBenchDatabase(settings.serverUrl);
  let server: BenchChild<ApiServerMessage, ApiHarnessCommand> | undefined;
  try {
    const seeded = await seedLedger(database.pool, taskCount, settings.runsPerTask);
    log(`seeded ${seeded.tasks} tasks and ${seeded.runs} runs in ${seeded.seconds.toFixed(1)} s`);
    await analyze(database);
    const secret = randomBytes(32).toString('hex');
    server = startServer(settings, runtime, workDir, database, secret, taskCount);
    const { port } = await server.waitFor('listening', BOOT_TIMEOUT_MS);
    const adminToken = jwt.sign({ role: 'admin' }, secret, {
      algorithm: 'HS256',
      subject: '1',
      expiresIn: '1h',
    });
    const middle = await cursorToMiddle(port, adminToken, seeded.tasks);
    const wanted = routesOf(middle).filter(
      (route) =>
        route.name === 'health' || !settings.routes || settings.routes.includes(route.name),
    );
    const routes = await measureRoutes(settings, server, port, adminToken, wanted);
    return { tasks: seeded.tasks, runs: seeded.runs, seedSeconds: seeded.seconds, routes };
  } finally {
    await server?.stop(STOP_GRACE_MS);
    await database.drop();
  }
}

function routesOf(middleCursor: string): Route[] {
  return [
    { name: 'health', path: '/health', admin: false },
    { name: 'tasks', path: '/api/v1/scheduled-tasks?limit=50', admin: true },
    {
      name: 'tasks-mid-list',
      path: `/api/v1/scheduled-tasks?limit=50&cursor=${middleCursor}`,
      admin: true,
    },
    { name: 'runs', path: '/api/v1/task-runs?limit=50', admin: true },
    { name: 'runs-failed', path: '/api/v1/task-runs?status=failed&limit=50', admin: true },
  ];
}

/**
 * Loads the routes in turn, round after round, so that whatever else the machine does in the
 * meantime falls on every route alike; each route's figures take its windows of all rounds.
 */
async function measureRoutes(
  settings: ApiBenchSettings,
  server: BenchChild<ApiServerMessage, ApiHarnessCommand>,
  port: number,
  adminToken: string,
  routes: Route[],
): Promise<RouteFigures[]> {
  const loads = new Map<string, LoadSample[]>(routes.map((route) => [route.name, []]));
  const cpus = new Map<string, CpuSeconds[]>(routes.map((route) => [route.name, []]));
  const cpu = new CpuWatch(server.pid, findLocalDatabaseServer(settings.serverUrl));
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      log(`round ${round} of ${settings.rounds}`);
      for (const route of routes) {
        const sample = await runLoad({
          port,
          path: route.path,
          headers: route.admin ? { authorization: `Bearer ${adminToken}` } : {},
          connections: settings.connections,
          warmupMs: settings.warmupSeconds * 1000,
          windowMs: settings.windowSeconds * 1000,
          onWindow: (event) => {
            server.send({ kind: 'count-queries', route: event === 'open' ? route.name : null });
            if (event === 'open') cpu.open();
            else cpu.close();
          },
        });
        loads.get(route.name)?.push(sample);
        cpus.get(route.name)?.push(cpu.takeWindow());
      }
    }
  } finally {
    cpu.stop();
  }
  server.send({ kind: 'report-queries' });
  const { byRoute } = await server.waitFor('query-counts', 10_000);
  const measured = routes.map((route) => {
    const figures = loadFigures(loads.get(route.name) ?? []);
    return {
      route: route.name,
      path: route.path,
      ...figures,
      queriesPerRequest: (byRoute[route.name] ?? 0) / Math.max(1, figures.requests),
      cpu: cpuSplit(cpus.get(route.name) ?? [], figures.requests),
    };
  });
  const health = measured[0].requestsPerSecond;
  return measured.map((route) => ({ ...route, ofHealth: route.requestsPerSecond / health }));
}

/** The cursor the API hands out after the first half of the tasks, paging as a client would. */
async function cursorToMiddle(port: number, adminToken: string, tasks: number): Promise<string> {
  let cursor: string | null = null;
  for (let seen = 0; seen < Math.floor(tasks / 2); seen += MAX_PAGE) {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const response = await fetch(
      `http://127.0.0.1:${port}/api/v1/scheduled-tasks?limit=${MAX_PAGE}${query}`,
      { headers: { authorization: `Bearer ${adminToken}` } },
    );
    if (!response.ok) throw new Error(`paging the task list: HTTP ${response.status}`);
    cursor = ((await response.json()) as { next_cursor: string | null }).next_cursor;
    if (!cursor) throw new Error('the task list ended before its middle');
  }
  return cursor as string;
}

function startServer(
  settings: ApiBenchSettings,
  runtime: ChildRuntime,
  workDir: string,
  database: BenchDatabase,
  jwtSecret: string,
  taskCount: number,
): BenchChild<ApiServerMessage, ApiHarnessCommand> {
  const label = `api-${taskCount}`;
  return new BenchChild<ApiServerMessage, ApiHarnessCommand>({
    label,
    script: runtime.scriptFor(SERVER_WORKER),
    execArgv: [...settings.serverNodeFlags, ...runtime.execArgv],
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: settings.logLevel,
      DATABASE_URL: database.url,
      DB_MIGRATIONS_RUN: 'false',
      JWT_SECRET: jwtSecret,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ENABLE_API_DOCS: 'false',
      // Serving the API only: no dispatcher competing with the requests for the database.
      SCHEDULER_ENABLED: 'false',
    },
    logFile: join(workDir, `${label}.log`),
    cpuProfileDir: settings.cpuProfile ? workDir : undefined,
  });
}

/** Fresh index statistics after the bulk insert, as a server would have them after a while. */
async function analyze(database: BenchDatabase): Promise<void> {
  await database.pool.query('ANALYZE TABLE scheduled_tasks, task_logs');
}

function log(message: string): void {
  console.log(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
