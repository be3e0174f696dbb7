import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { TaskResult } from './declaration/task-handler';
import { TaskOptions } from './declaration/task-options.decorator';
import { TaskRun } from './task-run';
import { RunLedgerStore } from './store/run-ledger.store';
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
    // A cleanup with nothing to delete is idle: run lists leave it out unless asked (include_idle).
    return { stats: { deleted, cutoff: cutoff.toISOString() }, idle: deleted === 0 };
  }
}
