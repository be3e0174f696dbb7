import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { TaskResult } from '../../core/scheduling/declaration/task-handler';
import { TaskOptions } from '../../core/scheduling/declaration/task-options.decorator';
import type { TaskRun } from '../../core/scheduling/task-run';
import { ArchiveHorizonService } from './archive-horizon.service';
import { transactionArchiveConfig } from './transaction-archive.config';
import { TransactionArchiver } from './transaction-archiver.service';

export const ARCHIVE_TRANSACTIONS_TASK_KEY = 'banking.archive-transactions';

@Injectable()
export class TransactionArchiveTasks {
  constructor(
    private readonly archiver: TransactionArchiver,
    private readonly horizon: ArchiveHorizonService,
    private readonly config: AppConfig,
  ) {}

  /** Weekly (seed 001's cleanup_interval of 7 days), Sunday 04:00 UTC. */
  @Cron('0 4 * * 0', { name: ARCHIVE_TRANSACTIONS_TASK_KEY, timeZone: 'UTC' })
  @TaskOptions({
    name: 'Archive old transactions',
    description:
      'Moves booked transactions dated more than TRANSACTION_ARCHIVE_AFTER_DAYS ago into transactions_archive, TRANSACTION_ARCHIVE_BATCH_SIZE rows per database transaction. Resumable: a stopped run leaves every batch moved or untouched, and the next run continues. Archived rows stay readable with GET /transactions?include_archived=true.',
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 86_400 },
    retry: { maxRetries: 2, delaySeconds: 900 },
    timeoutSeconds: 6 * 3600,
  })
  async archiveTransactions(run: TaskRun): Promise<TaskResult> {
    const { batchSize } = this.config.get(transactionArchiveConfig);
    const cutoff = this.horizon.cutoff();
    run.logger.log(`Archiving booked transactions dated before ${cutoff}, ${batchSize} per batch`);
    const outcome = await this.archiver.archiveBefore(cutoff, {
      batchSize,
      signal: run.signal,
      onBatch: ({ batch, moved, total }) =>
        run.logger.log(`Archive batch ${batch}: ${moved} row(s) moved, ${total} so far`),
    });
    const message = `${outcome.moved} transaction(s) dated before ${cutoff} archived in ${outcome.batches} batch(es)${outcome.finished ? '' : '; stopped early, the next run continues'}`;
    run.logger.log(message);
    return {
      message,
      stats: { moved: outcome.moved, batches: outcome.batches, cutoff, finished: outcome.finished },
    };
  }
}
