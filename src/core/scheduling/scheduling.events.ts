import type { ItemCounts, RunProgress } from './run-items';
import { RunStatus, RunTrigger } from './scheduling.types';

export const SchedulingEvents = {
  runStarted: 'scheduling.run.started',
  runFinished: 'scheduling.run.finished',
  /** A running run's items moved on; at most once a second per instance. */
  runProgress: 'scheduling.run.progress',
  /**
   * A run whose instance died (its heartbeat stopped) was marked interrupted. Emitted with
   * `emitAsync` and awaited before the run is retried: a listener frees what the run held.
   */
  runLost: 'scheduling.run.lost',
  firesNotRun: 'scheduling.fires.not-run',
  /** A retry was scheduled: the dispatcher should look again sooner. */
  retryScheduled: 'scheduling.retry.scheduled',
  /** Tasks changed on this instance: the dispatcher should look again now. */
  tasksChanged: 'scheduling.tasks.changed',
} as const;

export interface RunStartedEvent {
  taskId: string;
  taskType: string;
  runId: string;
  trigger: RunTrigger;
  attempt: number;
  scheduledFor: Date;
  startedAt: Date;
}

export interface RunFinishedEvent extends RunStartedEvent {
  status: RunStatus;
  durationMs: number;
  errorMessage: string | null;
  /** The run's items by outcome; null when it reported none (or its instance died). */
  items: ItemCounts | null;
}

export interface RunProgressEvent {
  runId: string;
  taskId: string;
  taskType: string;
  progress: RunProgress;
}

export interface RunLostEvent {
  runId: string;
  taskId: string;
  taskType: string;
  /** The instance that ran it and stopped heartbeating. */
  instanceId: string | null;
}

/** Fires recorded without executing: `missed` (misfire policy) or `skipped` (overlap policy). */
export interface FiresNotRunEvent {
  taskId: string;
  taskType: string;
  status: 'missed' | 'skipped';
  trigger: RunTrigger;
  count: number;
  reason: string;
}
