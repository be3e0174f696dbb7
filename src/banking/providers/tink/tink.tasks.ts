import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { TaskResult } from '../../../core/scheduling/declaration/task-handler';
import { TaskOptions } from '../../../core/scheduling/declaration/task-options.decorator';
import type { TaskRun } from '../../../core/scheduling/task-run';
import { BankSyncService } from '../../sync/bank-sync.service';
import { TinkBankSyncProvider } from './tink.provider';
import { tinkConfig } from './tink.config';

export const TINK_SYNC_TASK_KEY = 'tink.sync-connections';
const HOUR_MS = 3_600_000;

@Injectable()
export class TinkTasks {
  constructor(
    private readonly bankSync: BankSyncService,
    private readonly tink: TinkBankSyncProvider,
  ) {}

  /**
   * Each connection is an item of the run: one that fails makes the run `partial` (all of them:
   * `failed`), and the retry syncs only the failed connections. It throws only when it could not
   * run at all (e.g. the database is unreachable), and then retries.
   */
  // 6 h is TINK_SYNC_INTERVAL_HOURS' default; the configured value replaces it.
  @Interval(TINK_SYNC_TASK_KEY, 6 * HOUR_MS)
  @TaskOptions({
    name: 'Sync Tink connections',
    description:
      'Refreshes and imports accounts and transactions of every active Tink connection whose user has an active premium subscription (TINK_SYNC_INTERVAL_HOURS, TINK_SYNC_CONCURRENCY).',
    scheduleFromConfig: (config) => ({
      intervalMs: config.get(tinkConfig).syncIntervalHours * HOUR_MS,
    }),
    enabledFlag: 'TINK_SYNC_ENABLED',
    logLabel: 'Tink sync job',
    missingSettings: (config) =>
      config.get(tinkConfig).credentials ? [] : ['TINK_CLIENT_ID', 'TINK_CLIENT_SECRET'],
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 3600 },
    retry: { maxRetries: 2, delaySeconds: 600 },
    timeoutSeconds: 4 * 3600,
    sync: true,
  })
  async syncConnections(run: TaskRun): Promise<TaskResult> {
    const unavailable = this.tink.unavailableReason;
    if (unavailable) {
      // The boot already warned once (missingSettings); each skipped run says it in the ledger.
      run.logger.debug?.(`Tink sync job skipped: ${unavailable}`);
      return { status: 'skipped', message: unavailable };
    }
    const { stats, summary } = await this.bankSync.syncAll(this.tink, {
      // A retry of failed connections is a deliberate second try: like a person's, it does not wait
      // out their failure cool-off (the retry delay is shorter than it), but keeps the minimum gap.
      requestedByPerson: run.trigger === 'manual' || run.retryItems !== null,
      signal: run.signal,
      logger: run.logger,
      runId: run.runId,
      items: run.items,
      onlyConnectionIds: run.retryItems?.map(Number) ?? null,
    });
    return { status: 'completed', message: summary, stats: { ...stats } };
  }
}
