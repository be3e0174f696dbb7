/**
 * The baseline: bare `cron` CronJobs with scenario A's schedules in one process, doing nothing but
 * noting how late each tick is against its intended instant.
 */
import { performance } from 'node:perf_hooks';
import { CronJob } from 'cron';
import { LagHistogram } from './lag-histogram';
import { baselineCronOf } from './scenarios';
import { BaselineMessage, HarnessCommand, MeasureCommand } from './worker-messages';

const MINUTE_MS = 60_000;
/** A tick this close before its instant is early (timer rounding), not 59 s late. */
const EARLY_SLACK_MS = 5_000;

function tell(message: BaselineMessage): void {
  process.send?.(message);
}

class TickRecorder {
  private window: MeasureCommand | null = null;
  private readonly histogram = new LagHistogram();
  private ticks = 0;
  private earlyTicks = 0;

  measure(window: MeasureCommand): void {
    this.window = window;
  }

  /** A job that fires at second `second` of every minute ticked now. */
  tick(second: number): void {
    const now = Date.now();
    const sinceIntended = (((now - second * 1000) % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    const lag =
      sinceIntended > MINUTE_MS - EARLY_SLACK_MS ? sinceIntended - MINUTE_MS : sinceIntended;
    const intended = now - lag;
    if (!this.window || intended < this.window.windowStart || intended >= this.window.windowEnd)
      return;
    this.ticks++;
    if (lag < 0) this.earlyTicks++;
    this.histogram.record(lag);
  }

  result(jobSeconds: number[]): BaselineMessage {
    const window = this.window as MeasureCommand;
    return {
      kind: 'baseline-result',
      expectedTicks: expectedTicks(jobSeconds, window.windowStart, window.windowEnd),
      ticks: this.ticks,
      earlyTicks: this.earlyTicks,
      lag: this.histogram.summary(),
    };
  }
}

/** Whole seconds in [start, end) whose second-of-minute matches each job's. */
function expectedTicks(jobSeconds: number[], start: number, end: number): number {
  const perSecond = new Array<number>(60).fill(0);
  for (const second of jobSeconds) perSecond[second]++;
  let total = 0;
  for (let at = Math.ceil(start / 1000) * 1000; at < end; at += 1000)
    total += perSecond[new Date(at).getUTCSeconds()];
  return total;
}

function main(): void {
  const jobCount = Number(process.env.BENCH_BASELINE_JOBS);
  const recorder = new TickRecorder();
  const jobSeconds: number[] = [];
  const jobs: CronJob[] = [];
  for (let index = 0; index < jobCount; index++) {
    const cronTime = baselineCronOf(index);
    const second = Number(cronTime.split(' ')[0]);
    jobSeconds.push(second);
    jobs.push(
      CronJob.from({ cronTime, onTick: () => recorder.tick(second), start: true, timeZone: 'UTC' }),
    );
  }
  tell({
    kind: 'ready',
    processStartedAt: performance.timeOrigin,
    modulesLoadedAt: Date.now(),
    readyAt: Date.now(),
  });
  process.on('message', (command: HarnessCommand) => {
    if (command.kind === 'measure') {
      recorder.measure(command);
      setTimeout(() => tell(recorder.result(jobSeconds)), command.windowEnd - Date.now() + 3000);
    } else {
      for (const job of jobs) void job.stop();
      tell({ kind: 'stopped' });
      process.exit(0);
    }
  });
}

main();
