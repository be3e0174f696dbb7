import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { TaskResult } from './declaration/task-handler';
import { TaskOptions } from './declaration/task-options.decorator';
import { TaskRun } from './task-run';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskCleanup } from './task-cleanup.service';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

const CLEANUP_BATCH = 5000;

/** The engine's own code-declared tasks (dead instances' runs are swept by StaleRunSweeper). */
@Injectable()
export class HousekeepingTasks {
  private readonly settings: SchedulerSettings;

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly clock: Clock,
    private readonly taskCleanup: TaskCleanup,
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
    const cutoff = this.retentionCutoff();
    let deleted = 0;
    for (;;) {
      if (run.signal.aborted) break;
      const batch = await this.ledger.deleteRunsBefore(cutoff, CLEANUP_BATCH);
      deleted += batch;
      if (batch < CLEANUP_BATCH) break;
    }
    run.logger.log(`Deleted ${deleted} task_logs row(s) older than ${cutoff.toISOString()}`);
    // A cleanup with nothing to delete is idle: run lists leave it out unless asked (include_idle).
    return { stats: { deleted, cutoff: cutoff.toISOString() }, idle: deleted === 0 };
  }

  /** Weekly (seed 001's cleanup_interval of 7 days), Sunday 03:45 UTC. */
  @Cron('45 3 * * 0', { name: 'scheduler.cleanup-tasks', timeZone: 'UTC' })
  @TaskOptions({
    name: 'Delete dead scheduled tasks',
    description:
      'Deletes API-created one-off tasks that failed for good more than LOG_RETENTION_DAYS ago, and tasks whose source_id names a row that no longer exists (task types declaring @TaskOptions({ source }), e.g. per-connection syncs of a deleted bank connection), each with its run history.',
    misfire: { policy: 'run_once', graceSeconds: 86_400 },
    retry: { maxRetries: 1 },
  })
  async cleanupTasks(run: TaskRun): Promise<TaskResult> {
    const cutoff = this.retentionCutoff();
    const stats = await this.taskCleanup.run(cutoff, run.signal);
    const orphaned = Object.values(stats.orphaned).reduce((sum, count) => sum + count, 0);
    const message = `Deleted ${stats.failedOneOff} failed one-off task(s) last run before ${cutoff.toISOString()} and ${orphaned} task(s) whose source is gone`;
    run.logger.log(message);
    return {
      message,
      stats: {
        failed_one_off: stats.failedOneOff,
        orphaned: stats.orphaned,
        cutoff: cutoff.toISOString(),
      },
    };
  }

  private retentionCutoff(): Date {
    return new Date(this.clock.now().getTime() - this.settings.logRetentionDays * 86_400_000);
  }
}
