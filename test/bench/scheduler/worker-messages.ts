/** What the harness and its child processes say to each other over the IPC channel. */

export interface InstanceReady {
  kind: 'ready';
  /** Epoch ms at which the process started (performance.timeOrigin). */
  processStartedAt: number;
  /** Epoch ms once the app's modules were loaded (ts-node compiles them on the fly). */
  modulesLoadedAt: number;
  /** Epoch ms once the app was initialised: the dispatcher has started its first pass. */
  readyAt: number;
}

export interface FirstRunStarted {
  kind: 'first-run';
  at: number;
}

/** The instance's own view of its memory, in MB, taken when told to stop (before shutting down). */
export interface MemoryReport {
  kind: 'memory';
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** heapUsed after a full GC, when the instance runs with --expose-gc (BENCH_NODE_FLAGS). */
  heapUsedAfterGcMb: number | null;
  rssAfterGcMb: number | null;
}

/** Queries one instance sent during the window, by statement shape. */
export interface QueryCountReport {
  kind: 'query-counts';
  total: number;
  byShape: Record<string, number>;
}

export interface ChildStopped {
  kind: 'stopped';
}

export interface ChildFailed {
  kind: 'failed';
  message: string;
}

export interface LagSummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface BaselineResult {
  kind: 'baseline-result';
  expectedTicks: number;
  ticks: number;
  /** Ticks that came before their intended instant (timer rounding). */
  earlyTicks: number;
  lag: LagSummary;
}

export type InstanceMessage =
  InstanceReady | FirstRunStarted | MemoryReport | QueryCountReport | ChildStopped | ChildFailed;
export type BaselineMessage = InstanceReady | BaselineResult | ChildStopped | ChildFailed;

export interface StopCommand {
  kind: 'stop';
}

export interface MeasureCommand {
  kind: 'measure';
  windowStart: number;
  windowEnd: number;
}

export type HarnessCommand = StopCommand | MeasureCommand;
