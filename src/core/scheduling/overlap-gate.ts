import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from './clock';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { FireToStart } from './run-start';
import { FiresNotRunEvent, SchedulingEvents } from './scheduling.events';
import { RunTrigger } from './scheduling.types';
import { RunLedgerStore } from './store/run-ledger.store';
import { NonRun } from './store/run-records';
import { TaskStateStore } from './store/task-state.store';

export type OverlapRefusal = 'buffered' | 'overlap_skipped';

/**
 * The overlap policy of fires whose task is still running (on any instance): `allow` starts
 * beside the running one, `skip` records the fire as skipped, `buffer_one` holds one fire back for
 * after the current run and skips any further one.
 */
@Injectable()
export class OverlapGate {
  private readonly logger = new Logger('TaskRunner');

  constructor(
    private readonly ledger: RunLedgerStore,
    private readonly state: TaskStateStore,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** The tasks among these fires' that may not start now: a run is in progress and the policy is not `allow`. */
  busyTasks(fires: FireToStart[]): Promise<Set<string>> {
    return this.ledger.tasksWithRunningRuns(
      fires.filter(({ task }) => task.overlapPolicy !== 'allow').map(({ task }) => task.id),
    );
  }

  /**
   * Applies the policy to fires of busy tasks: `buffer_one` holds one back (a first attempt only:
   * a retry's attempt number would be lost in the buffer); the rest are skipped. A skipped fire of
   * the schedule is recorded in the history (all in one write, once per fire); a refused run-now is
   * not: its caller gets the refusal, and a client retrying in a loop must not flood the history.
   * Results are in the order of `fires`.
   */
  async refuse(fires: FireToStart[]): Promise<OverlapRefusal[]> {
    const results: OverlapRefusal[] = [];
    const skipped: NonRun[] = [];
    const at = this.clock.now();
    for (const { task, fire, trigger, attempt = 1 } of fires) {
      const bufferable = task.overlapPolicy === 'buffer_one' && attempt === 1;
      if (bufferable && (await this.buffer(task, fire, trigger))) {
        results.push('buffered');
        continue;
      }
      const errorMessage = bufferable
        ? 'previous run still running and one fire already buffered'
        : 'previous run still running';
      skipped.push({
        taskId: task.id,
        scheduledFor: fire,
        status: 'skipped',
        trigger,
        attempt,
        errorMessage,
        at,
      });
      results.push('overlap_skipped');
    }
    await this.recordSkipped(skipped, fires);
    return results;
  }

  private async recordSkipped(skipped: NonRun[], fires: FireToStart[]): Promise<void> {
    await this.ledger
      .recordNonRuns(skipped.filter(({ trigger }) => trigger !== 'manual'))
      .catch((error: unknown) =>
        this.logger.error(
          `Recording ${skipped.length} skipped fire(s) failed: ${(error as Error).message}`,
        ),
      );
    const taskTypes = new Map(fires.map(({ task }) => [task.id, task.taskType]));
    for (const { taskId, scheduledFor, trigger, errorMessage } of skipped) {
      const taskType = taskTypes.get(taskId) as string;
      this.events.emit(SchedulingEvents.firesNotRun, {
        taskId,
        taskType,
        status: 'skipped',
        trigger,
        count: 1,
        reason: errorMessage,
      } satisfies FiresNotRunEvent);
      const line = `Task ${taskType} (${taskId}): fire ${scheduledFor.toISOString()} skipped, ${errorMessage}`;
      if (trigger === 'manual') this.logger.debug(line);
      else this.logger.warn(line);
    }
  }

  /** Holds the fire back for after the current run, unless one is held already. */
  private async buffer(
    task: ScheduledTaskEntity,
    fire: Date,
    trigger: RunTrigger,
  ): Promise<boolean> {
    try {
      if (!(await this.state.bufferFire(task.id, fire, trigger))) return false;
    } catch (error) {
      this.logger.error(`Buffering a fire of ${task.taskType} failed: ${(error as Error).message}`);
      return false;
    }
    this.logger.log(
      `Task ${task.taskType} (${task.id}): run in progress, fire ${fire.toISOString()} buffered`,
    );
    return true;
  }
}
