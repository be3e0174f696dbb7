import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { CronAdapter } from './cron.adapter';
import { TaskLogEntity } from './entities/task-log.entity';
import { RunFinishedEvent, RunLostEvent, SchedulingEvents } from './scheduling.events';
import { TaskRunner } from './task-runner.service';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskSettingsStore } from './store/task-settings.store';
import { TaskStateStore } from './store/task-state.store';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

export const STALE_RUN_SWEEP = 'scheduler.stale-run-sweep';
const SWEEP_LIMIT = 500;

/**
 * Finds runs whose instance died: a running row whose heartbeat is older than the lease is marked
 * interrupted, reported (`runLost`, awaited, so features free what the run held before anything
 * retries it; then `runFinished`) and retried per its task's policy.
 *
 * Every instance with the scheduler on sweeps once per heartbeat interval, so a dead run is noticed
 * at most a lease plus one heartbeat after its last beat. Sweeps are engine loops, not task runs:
 * one every few seconds would bury the run history. Two instances sweeping the same run is harmless:
 * marking it interrupted is fenced on the heartbeat seen, so only one of them reports and retries it.
 */
@Injectable()
export class StaleRunSweeper {
  private readonly logger = new Logger('TaskRunner');
  private readonly settings: SchedulerSettings;
  private sweeping: Promise<number> | null = null;

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly tasks: TaskSettingsStore,
    private readonly state: TaskStateStore,
    private readonly runner: TaskRunner,
    private readonly timers: CronAdapter,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {
    this.settings = config.get(schedulingConfig);
  }

  start(): void {
    this.timers.addInterval(STALE_RUN_SWEEP, this.settings.heartbeatMs, () => {
      this.sweep().catch((error: unknown) =>
        this.logger.error(`Sweeping stale runs failed: ${(error as Error).message}`),
      );
    });
  }

  async stop(): Promise<void> {
    this.timers.removeInterval(STALE_RUN_SWEEP);
    await this.sweeping?.catch(() => undefined);
  }

  /** One sweep (or the one in progress); resolves with how many runs it marked interrupted. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const now = this.clock.now();
    const stale = await this.ledger.findStaleRuns(
      new Date(now.getTime() - this.settings.leaseMs),
      SWEEP_LIMIT,
    );
    let interrupted = 0;
    for (const run of stale) {
      if (await this.interrupt(run, now)) interrupted++;
    }
    return interrupted;
  }

  private async interrupt(run: TaskLogEntity, now: Date): Promise<boolean> {
    const reason = `Heartbeat lost (instance ${run.instanceId ?? 'unknown'} stopped for over ${this.settings.leaseMs / 1000}s)`;
    if (!(await this.ledger.markInterrupted(run, now, reason))) return false;
    this.logger.warn(
      { runId: run.id, taskId: run.taskId, instanceId: run.instanceId },
      `Run ${run.id} marked interrupted: ${reason}`,
    );
    const task = await this.tasks.findTask(run.taskId);
    if (!task) return true;
    await this.state.recordTaskOutcome(task.id, { status: 'interrupted', errorMessage: reason });
    await this.events.emitAsync(SchedulingEvents.runLost, {
      runId: run.id,
      taskId: task.id,
      taskType: task.taskType,
      instanceId: run.instanceId,
    } satisfies RunLostEvent);
    this.events.emit(SchedulingEvents.runFinished, {
      taskId: task.id,
      taskType: task.taskType,
      runId: run.id,
      trigger: run.trigger,
      attempt: run.attempt,
      scheduledFor: run.scheduledFor,
      startedAt: run.executionStart,
      status: 'interrupted',
      durationMs: now.getTime() - run.executionStart.getTime(),
      errorMessage: reason,
      items: null,
    } satisfies RunFinishedEvent);
    await this.runner.retryIfAllowed(task, run, 'interrupted');
    return true;
  }
}
