import { join } from 'node:path';
import { BenchChild } from './bench-child';
import { BenchRunContext } from './bench-run-context';
import { logFileOf } from './instance-phase';
import { LogSummary, summariseLog } from './log-summary';
import { ProcessFigures } from './process-sampler';
import { nextWholeSecond, sleep, sleepUntil } from './timing';
import { BaselineMessage, BaselineResult } from './worker-messages';

const BASELINE_WORKER = join(__dirname, 'cron-baseline-worker.ts');
const LABEL = 'cron-baseline';

export interface BaselinePhaseResult extends ProcessFigures {
  jobs: number;
  bootSeconds: number;
  window: { start: string; seconds: number };
  expectedTicks: number;
  ticks: number;
  earlyTicks: number;
  lag: BaselineResult['lag'];
  log: LogSummary;
  /** CPU used over the window by everything else on the machine, in % of one core. */
  otherCpuPercent: number;
}

/** 10,000 bare `cron` CronJobs with scenario A's schedules, in a process of their own. */
export async function runBaselinePhase(context: BenchRunContext): Promise<BaselinePhaseResult> {
  const { settings, sampler } = context;
  const child = new BenchChild<BaselineMessage>({
    label: LABEL,
    script: context.runtime.scriptFor(BASELINE_WORKER),
    execArgv: context.runtime.execArgv,
    logFile: logFileOf(context, LABEL),
    env: { BENCH_BASELINE_JOBS: String(settings.baselineJobs) },
  });
  try {
    sampler.watch(child.pid);
    const ready = await child.waitFor('ready', 120_000);
    await sleep(settings.warmupSeconds * 1000);
    const start = nextWholeSecond(Date.now());
    const end = start + settings.baselineWindowSeconds * 1000;
    child.send({ kind: 'measure', windowStart: start, windowEnd: end });
    await sleepUntil(end);
    const result = await child.waitFor('baseline-result', 30_000);
    sampler.sample(child.pid);
    const figures = sampler.figures(child.pid, start, end);
    return {
      jobs: settings.baselineJobs,
      bootSeconds: (ready.readyAt - child.forkedAt) / 1000,
      window: { start: new Date(start).toISOString(), seconds: (end - start) / 1000 },
      expectedTicks: result.expectedTicks,
      ticks: result.ticks,
      earlyTicks: result.earlyTicks,
      lag: result.lag,
      ...figures,
      log: summariseLog(logFileOf(context, LABEL)),
      otherCpuPercent: sampler.machineCpuPercent(start, end) - figures.cpuPercent,
    };
  } finally {
    await child.stop(10_000);
  }
}
