import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BenchChild } from './bench-child';
import { BenchRunContext } from './bench-run-context';
import { analyseFireLedger, FireLedgerFigures } from './fire-ledger';
import { LogSummary, summariseLog } from './log-summary';
import { ProcessFigures } from './process-sampler';
import { Scenario } from './scenarios';
import { counterGrowth, readServerCounters, ServerCounters } from './server-counters';
import { nextWholeSecond, sleep, sleepUntil } from './timing';
import { rearmTasks } from './task-seeder';
import { InstanceMessage, MemoryReport } from './worker-messages';

const BOOT_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 60_000;
const INSTANCE_WORKER = join(__dirname, 'instance-worker.ts');

export interface InstanceFigures extends ProcessFigures {
  instanceId: string;
  /** Fork → app initialised (dispatcher started). */
  bootSeconds: number;
  /** Of which loading (and compiling) the modules. */
  moduleLoadSeconds: number;
  /** Fork → first run started. */
  firstRunSeconds: number | null;
  /** The instance's own memory figures when it was told to stop. */
  memory: Omit<MemoryReport, 'kind'> | null;
  log: LogSummary;
}

export interface InstancePhaseResult {
  scenario: Scenario['name'];
  title: string;
  taskCount: number;
  instanceCount: number;
  window: { start: string; seconds: number };
  instances: InstanceFigures[];
  databaseCpuPercent: number | null;
  /**
   * CPU used over the window by everything outside this benchmark (other jobs on the machine), in %
   * of one core: when high, the figures are disturbed.
   */
  otherCpuPercent: number;
  ledger: FireLedgerFigures;
  /** Queries the instances sent during the window, per fire started in it: all, and by shape. */
  queriesPerFire: number;
  queryShapesPerFire: Record<string, number>;
  /** Growth of the server's global counters over the window, per fire (other users disturb it). */
  serverCountersPerFire: ServerCounters;
}

/** One scenario on N finsync instances sharing the database: seed, boot, warm up, measure, stop. */
export async function runInstancePhase(
  context: BenchRunContext,
  scenario: Scenario,
  instanceCount: number,
): Promise<InstancePhaseResult> {
  const { settings, database, sampler } = context;
  await rearmTasks(database.pool, scenario);
  const children = Array.from({ length: instanceCount }, (_, index) =>
    startInstance(context, `${scenario.name}-${instanceCount}x-${index + 1}`),
  );
  try {
    for (const child of children) sampler.watch(child.pid);
    const ready = await Promise.all(
      children.map((child) => child.waitFor('ready', BOOT_TIMEOUT_MS)),
    );
    await sleep(settings.warmupSeconds * 1000);

    const start = nextWholeSecond(Date.now());
    const end = start + settings.windowSeconds[scenario.name] * 1000;
    for (const child of children)
      child.send({ kind: 'measure', windowStart: start, windowEnd: end });
    await sleepUntil(start);
    const countersBefore = await readServerCounters(database.pool);
    await sleepUntil(end);
    const countersAfter = await readServerCounters(database.pool);
    await sleep(settings.drainSeconds * 1000);
    await sleepUntil(nextWholeSecond(Date.now()) + settings.stopOffsetMs);
    for (const child of children) sampler.sample(child.pid);
    await Promise.all(children.map((child) => child.stop(STOP_GRACE_MS)));

    const ledger = await analyseFireLedger(database.pool, scenario, { start, end });
    const instances = children.map((child, index) => ({
      instanceId: child.label,
      bootSeconds: (ready[index].readyAt - child.forkedAt) / 1000,
      moduleLoadSeconds: (ready[index].modulesLoadedAt - child.forkedAt) / 1000,
      firstRunSeconds: secondsSince(child.forkedAt, child.received('first-run')?.at),
      memory: withoutKind(child.received('memory')),
      ...sampler.figures(child.pid, start, end),
      log: summariseLog(logFileOf(context, child.label)),
    }));
    const databaseCpuPercent =
      context.databasePid === null
        ? null
        : sampler.figures(context.databasePid, start, end).cpuPercent;
    const startedInWindow = ledger.firesPerSecond * ((end - start) / 1000);
    return {
      scenario: scenario.name,
      title: scenario.title,
      taskCount: scenario.taskCount,
      instanceCount,
      window: { start: new Date(start).toISOString(), seconds: (end - start) / 1000 },
      instances,
      databaseCpuPercent,
      otherCpuPercent:
        sampler.machineCpuPercent(start, end) -
        instances.reduce((sum, instance) => sum + instance.cpuPercent, 0) -
        (databaseCpuPercent ?? 0),
      ledger,
      ...queriesPerFire(children, startedInWindow),
      serverCountersPerFire: counterGrowth(countersBefore, countersAfter, startedInWindow),
    };
  } finally {
    await Promise.all(children.map((child) => child.stop(STOP_GRACE_MS)));
  }
}

function startInstance(context: BenchRunContext, label: string): BenchChild<InstanceMessage> {
  const { settings } = context;
  return new BenchChild<InstanceMessage>({
    label,
    script: context.runtime.scriptFor(INSTANCE_WORKER),
    execArgv: [...context.runtime.execArgv, ...settings.instanceNodeFlags],
    logFile: logFileOf(context, label),
    cpuProfileDir: settings.cpuProfile ? context.workDir : undefined,
    env: {
      BENCH_INSTANCE_DATABASE_URL: context.database.url,
      BENCH_JWT_SECRET: randomBytes(24).toString('hex'),
      BENCH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      BENCH_LOG_LEVEL: settings.logLevel,
      SCHEDULER_INSTANCE_ID: label,
    },
  });
}

export function logFileOf(context: BenchRunContext, label: string): string {
  return join(context.workDir, `${label}.log`);
}

function queriesPerFire(
  children: BenchChild<InstanceMessage>[],
  fires: number,
): { queriesPerFire: number; queryShapesPerFire: Record<string, number> } {
  let total = 0;
  const shapes = new Map<string, number>();
  for (const child of children) {
    const counts = child.received('query-counts');
    if (!counts) continue;
    total += counts.total;
    for (const [shape, count] of Object.entries(counts.byShape))
      shapes.set(shape, (shapes.get(shape) ?? 0) + count);
  }
  const perFire = (count: number): number => (fires > 0 ? count / fires : Number.NaN);
  return {
    queriesPerFire: perFire(total),
    queryShapesPerFire: Object.fromEntries(
      [...shapes.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([shape, count]) => [shape, Number(perFire(count).toFixed(3))]),
    ),
  };
}

function withoutKind(report: MemoryReport | undefined): Omit<MemoryReport, 'kind'> | null {
  if (!report) return null;
  const { kind: _kind, ...figures } = report;
  return figures;
}

function secondsSince(from: number, at: number | undefined): number | null {
  return at === undefined ? null : (at - from) / 1000;
}
