import { LagSummary } from './worker-messages';

/** Lags in whole milliseconds, kept in fixed memory (the baseline must not grow with its samples). */
export class LagHistogram {
  private readonly buckets: Uint32Array;
  private overflow = 0;
  private total = 0;
  private max = 0;

  constructor(private readonly maxTrackedMs = 120_000) {
    this.buckets = new Uint32Array(maxTrackedMs + 1);
  }

  record(lagMs: number): void {
    const ms = Math.max(0, Math.round(lagMs));
    this.total++;
    this.max = Math.max(this.max, ms);
    if (ms > this.maxTrackedMs) this.overflow++;
    else this.buckets[ms]++;
  }

  summary(): LagSummary {
    return {
      count: this.total,
      p50Ms: this.percentile(0.5),
      p99Ms: this.percentile(0.99),
      maxMs: this.max,
    };
  }

  private percentile(fraction: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.ceil(fraction * this.total);
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms];
      if (seen >= rank) return ms;
    }
    return this.max;
  }
}

/** Nearest-rank percentiles of an array of lags (the harness has them all from task_logs). */
export function summariseLags(lagsMs: number[]): LagSummary {
  if (lagsMs.length === 0)
    return { count: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };
  const sorted = Float64Array.from(lagsMs).sort();
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1],
  };
}
