import { ScenarioName } from './bench-settings';

export interface Scenario {
  name: ScenarioName;
  title: string;
  taskCount: number;
  /** Cron (with seconds) of the i-th task; spreads the fires evenly over the period. */
  cronOf(index: number): string;
  /** Every task fires once per period. */
  periodSeconds: number;
  /** Lag p99 the design asks for at this task count. */
  lagP99TargetMs: number;
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  A: {
    name: 'A',
    title: '10,000 tasks, every minute (~167 fires/s)',
    taskCount: 10_000,
    cronOf: (index) => `${index % 60} * * * * *`,
    periodSeconds: 60,
    lagP99TargetMs: 1000,
  },
  B: {
    name: 'B',
    title: '100,000 tasks, hourly (~28 fires/s)',
    taskCount: 100_000,
    cronOf: (index) => `${index % 60} ${Math.floor(index / 60) % 60} * * * *`,
    periodSeconds: 3600,
    lagP99TargetMs: 2000,
  },
};

/** The same per-minute spread as scenario A, for the bare `cron` baseline. */
export const baselineCronOf = SCENARIOS.A.cronOf;

/** Targets every scenario shares. */
export const RSS_TARGET_MB = 250;
