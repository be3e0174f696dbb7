import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { TaskResult } from '../core/scheduling/declaration/task-handler';
import { TaskOptions } from '../core/scheduling/declaration/task-options.decorator';
import { TaskRun } from '../core/scheduling/task-run';
import { creditPortfolioConfig } from './credit-portfolio.config';
import { CreditPortfolioImportService } from './import/credit-portfolio-import.service';

export const IMPORT_TASK_KEY = 'credit-portfolio.import-ftp';

@Injectable()
export class CreditPortfolioTasks {
  constructor(private readonly imports: CreditPortfolioImportService) {}

  /**
   * Each day file is an item of the run: a rejected file (the ledger has the report) makes the run
   * `partial`, every file rejected makes it `failed`; rejected files are not retried. It throws —
   * and so retries — only when the run itself broke, e.g. the FTP server stayed unreachable.
   */
  // The defaults of CREDIT_PORTFOLIO_IMPORT_HOUR/MINUTE/TIMEZONE; the configured time replaces them.
  @Cron('0 6 * * *', { name: IMPORT_TASK_KEY, timeZone: 'Europe/Moscow' })
  @TaskOptions({
    name: 'Import Credit Portfolio Data from FTP',
    description:
      'Downloads the day files (receipts, expenses, expense details) from the FTP export directory and imports them into the configured department.',
    scheduleFromConfig: (config) => {
      const { minute, hour, timeZone } = config.get(creditPortfolioConfig).schedule;
      return { cron: `${minute} ${hour} * * *`, timeZone };
    },
    enabledFlag: 'CREDIT_PORTFOLIO_IMPORT_ENABLED',
    logLabel: 'Credit portfolio import',
    missingSettings: (config) =>
      config.get(creditPortfolioConfig).ftp.host ? [] : ['CREDIT_PORTFOLIO_FTP_HOST'],
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 3600 },
    retry: { maxRetries: 3, delaySeconds: 600 },
    timeoutSeconds: 2 * 60 * 60,
    sync: true,
  })
  async importFromFtp(run: TaskRun): Promise<TaskResult> {
    const result = await this.imports.run({
      runId: run.runId,
      trigger: run.trigger,
      logger: run.logger,
      signal: run.signal,
      items: run.items,
    });
    if (result.outcome === 'not_configured') return { status: 'skipped', message: result.message };
    return { status: 'completed', message: result.message, stats: result.stats };
  }
}
