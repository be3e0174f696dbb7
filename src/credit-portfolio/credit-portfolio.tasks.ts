import { Injectable } from '@nestjs/common';
import { ScheduledTask, TaskResult } from '../core/scheduling/scheduled-task.decorator';
import { TaskRun } from '../core/scheduling/task-run';
import { creditPortfolioConfig } from './credit-portfolio.config';
import { CreditPortfolioImportService } from './import/credit-portfolio-import.service';

export const IMPORT_TASK_KEY = 'credit-portfolio.import-ftp';

@Injectable()
export class CreditPortfolioTasks {
  constructor(private readonly imports: CreditPortfolioImportService) {}

  /**
   * Returns `failed` when any file was rejected (the ledger has the report); throws — and so
   * retries — only when the run itself broke, e.g. the FTP server stayed unreachable.
   */
  @ScheduledTask({
    key: IMPORT_TASK_KEY,
    name: 'Import Credit Portfolio Data from FTP',
    description:
      'Downloads the day files (receipts, expenses, expense details) from the FTP export directory and imports them into the configured department.',
    cron: (config) => {
      const { minute, hour } = config.get(creditPortfolioConfig).schedule;
      return `${minute} ${hour} * * *`;
    },
    timeZone: (config) => config.get(creditPortfolioConfig).schedule.timeZone,
    enabledFlag: 'CREDIT_PORTFOLIO_IMPORT_ENABLED',
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 3600 },
    retry: { maxRetries: 3, delaySeconds: 600 },
    timeoutSeconds: 2 * 60 * 60,
  })
  async importFromFtp(run: TaskRun): Promise<TaskResult> {
    const result = await this.imports.run({
      runId: run.runId,
      trigger: run.trigger,
      logger: run.logger,
      signal: run.signal,
    });
    if (result.outcome === 'not_configured') return { status: 'skipped', message: result.message };
    return {
      status: result.stats.files_failed > 0 ? 'failed' : 'completed',
      message: result.message,
      stats: result.stats,
    };
  }
}
