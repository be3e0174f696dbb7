import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { RunStatus, RunTrigger } from './scheduling.types';

/** A fire handed to the runner. */
export interface FireToStart {
  task: ScheduledTaskEntity;
  fire: Date;
  trigger: RunTrigger;
  /** 1 unless it is a retry. */
  attempt?: number;
}

export type StartRefusalReason =
  'overlap_skipped' | 'buffered' | 'claimed_elsewhere' | 'shutting_down';

export type StartResult =
  | { started: true; runId: string; done: Promise<RunStatus> }
  | { started: false; reason: StartRefusalReason };
