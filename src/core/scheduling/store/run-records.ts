import { JsonObject } from '../../../infra/database/column-types';
import type { ItemCounts } from '../run-items';
import { RunStatus, RunTrigger, TaskStatus } from '../scheduling.types';

/** A run about to start: inserting its row claims the fire. */
export interface NewRun {
  taskId: string;
  scheduledFor: Date;
  trigger: RunTrigger;
  attempt: number;
  instanceId: string;
  startedAt: Date;
}

/** A finished run to record, and what its task shows afterwards. */
export interface RunOutcome {
  status: RunStatus;
  endedAt: Date;
  errorMessage: string | null;
  details: JsonObject | null;
  /** Null when the handler reported no items. */
  items: ItemCounts | null;
  /** What the next attempt of this fire processes (null: everything). */
  retryItems: string[] | null;
  idle: boolean;
  runId: string;
  taskId: string;
  taskStatus: TaskStatus;
  lastRun: Date;
}

/** A fire recorded without executing: `missed` (misfire policy) or `skipped` (overlap policy). */
export interface NonRun {
  taskId: string;
  scheduledFor: Date;
  status: 'missed' | 'skipped';
  trigger: RunTrigger;
  attempt: number;
  errorMessage: string;
  at: Date;
}
