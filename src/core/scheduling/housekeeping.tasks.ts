import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Cron, Interval } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { TaskResult } from './declaration/task-handler';
import { TaskOptions } from './declaration/task-options.decorator';
import { RunFinishedEvent, SchedulingEvents } from './scheduling.events';
import { TaskRun } from './task-run';
import { TaskRunner } from './task-runner.service';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskSettingsStore } from './store/task-settings.store';
import { TaskStateStore } from './store/task-state.store';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

const CLEANUP_BATCH = 5000;
const SWEEP_LIMIT = 500;

/** The engine's own code-declared tasks. */
@Injectable()
export class HousekeepingTasks {
  private readonly settings: SchedulerSettings;

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly tasks: TaskSettingsStore,
    private readonly state: TaskStateStore,
    private readonly runner: TaskRunner,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {
    this.settings = config.get(schedulingConfig);
  }

  @Cron('30 3 * * *', { name: 'scheduler.cleanup-logs', timeZone: 'UTC' })
  @TaskOptions({
    name: 'Delete old run history',
    description: 'Deletes task_logs rows older than LOG_RETENTION_DAYS, in batches.',
    retry: { maxRetries: 1 },
  })
  async cleanupLogs(run: TaskRun): Promise<TaskResult> {
    const cutoff = new Date(
      this.clock.now().getTime() - this.settings.logRetentionDays * 86_400_000,
    );
    let deleted = 0;
    for (;;) {
      if (run.signal.aborted) break;
      const batch = await this.ledger.deleteRunsBefore(cutoff, CLEANUP_BATCH);
      deleted += batch;
      if (batch < CLEANUP_BATCH) break;
    }
    run.logger.log(`Deleted ${deleted} task_logs row(s) older than ${cutoff.toISOString()}`);
    return { stats: { deleted, cutoff: cutoff.toISOString() } };
  }

  @Interval('scheduler.sweep-stale-runs', 60_000)
  @TaskOptions({
    name: 'Recover runs of dead instances',
    description:
      'Marks running rows whose heartbeat is older than the lease as interrupted and retries them per policy.',
    misfire: { policy: 'run_once', graceSeconds: 60 },
    retry: { maxRetries: 0 },
  })
  async sweepStaleRuns(): Promise<TaskResult> {
    const now = this.clock.now();
    const stale = await this.ledger.findStaleRuns(
      new Date(now.getTime() - this.settings.leaseMs),
      SWEEP_LIMIT,
    );
    let interrupted = 0;
    for (const run of stale) {
      const reason = `Heartbeat lost (instance ${run.instanceId ?? 'unknown'} stopped for over ${this.settings.leaseMs / 1000}s)`;
      if (!(await this.ledger.markInterrupted(run, now, reason))) continue;
      interrupted++;
      const task = await this.tasks.findTask(run.taskId);
      if (!task) continue;
      await this.state.recordTaskOutcome(task.id, { status: 'interrupted', errorMessage: reason });
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
      } satisfies RunFinishedEvent);
      await this.runner.retryIfAllowed(task, run, 'interrupted');
    }
    return { stats: { interrupted } };
  }
}
