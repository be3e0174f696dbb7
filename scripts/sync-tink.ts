import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { AppModule } from '../src/app.module';
import { TINK_SYNC_TASK_KEY } from '../src/banking/providers/tink/tink.tasks';
import { BankProviderRegistry } from '../src/banking/sync/bank-provider-registry.service';
import { BankSyncService } from '../src/banking/sync/bank-sync.service';
import type { SyncRunStats } from '../src/banking/sync/sync-run-summary';
import { AppConfig } from '../src/config/app-config';
import { tinkConfig } from '../src/banking/providers/tink/tink.config';
import { loadEnvironment } from '../src/config/load-config';
import { createRootLogger } from '../src/core/logging/logger.factory';
import { PinoLoggerService } from '../src/core/logging/pino-logger.service';
import { Clock } from '../src/core/scheduling/clock';
import { ScheduledTaskService } from '../src/scheduled-tasks/scheduled-task.service';
import { TaskRunner } from '../src/core/scheduling/task-runner.service';
import { RunLedgerStore } from '../src/core/scheduling/store/run-ledger.store';
import { printItemCounts, showRunProgress } from './cli/run-progress-display';
import { describeDatabase } from './task/database-option';

const USAGE = `Usage: npm run sync:tink [-- --verbose]

Runs tink.sync-connections once, now, through the task runner (recorded in the run history like any
run), shows its progress over the connections (a bar on a terminal, plain lines otherwise) and prints
the results in the layout of the original scripts/test_scheduler.py.
Logs go to stderr (warn, or info with --verbose). Exit status 1 when any sync failed (the run is
then partial or failed).`;

const RULE = '='.repeat(70);

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.filter((argument) => argument !== '--verbose');
  if (unknown.length > 0) {
    console.error(`sync:tink: unknown argument ${unknown[0]}\n\n${USAGE}`);
    return 2;
  }
  const config = new AppConfig(loadEnvironment());
  banner('Tink Scheduler Test Script');
  console.log(`Started at: ${new Date().toISOString().slice(0, 19)}`);
  printEnvironment(config);

  const context = await bootContext(argv.includes('--verbose'));
  try {
    section('Database Connections');
    const tink = context.get(BankProviderRegistry).get('tink');
    const overview = await context.get(BankSyncService).overview(tink);
    console.log(`Total active Tink connections: ${overview.total}`);
    console.log(`Connections with premium subscription: ${overview.premium}/${overview.total}`);

    section('Running Sync Job');
    const outcome = await runJob(context);
    section('Results');
    console.log(`Duration: ${outcome.seconds.toFixed(2)} seconds\n`);
    const failed = outcome.stats ? printStats(outcome.stats) : 0;

    section('Summary');
    const ok = outcome.status === 'completed' && failed === 0;
    const refreshFailed = outcome.stats?.refresh_failed ?? 0;
    // partial, or failed because every sync failed: the connections say why.
    const failedSyncs = outcome.stats !== null && failed > 0;
    if (ok && refreshFailed > 0) {
      console.log(
        `⚠️ Every sync read its data, but ${refreshFailed} without a fresh refresh (the refresh at Tink failed; the next run asks again).`,
      );
    } else if (ok) console.log('✅ All syncs completed successfully!');
    else if (failedSyncs) {
      console.log(`❌ ${failed} sync(s) failed (run ${outcome.status}); see the reasons above.`);
    } else console.log(`❌ The run ended ${outcome.status}: ${outcome.message ?? 'no message'}`);
    banner('Test Complete');
    return ok ? 0 : 1;
  } finally {
    await context.close();
  }
}

function printEnvironment(config: AppConfig): void {
  const tink = config.get(tinkConfig);
  section('Environment Check');
  console.log(`SCHEDULER_ENABLED: ${pythonic(config.featureFlag('SCHEDULER_ENABLED'))}`);
  console.log(`TINK_SYNC_ENABLED: ${pythonic(config.featureFlag('TINK_SYNC_ENABLED'))}`);
  console.log(`TINK_SYNC_INTERVAL_HOURS: ${tink.syncIntervalHours}`);
  console.log(describeDatabase(config.database, process.env.DATABASE_URL ? 'env' : 'default'));
  console.log(`TINK_SYNC_CONCURRENCY: ${tink.syncConcurrency}`);
  console.log(`TINK_API_URL: ${tink.apiUrl}`);
  console.log(
    `Tink credentials: ${tink.credentials ? 'configured' : 'missing (TINK_CLIENT_ID, TINK_CLIENT_SECRET)'}`,
  );
}

interface JobOutcome {
  status: string;
  seconds: number;
  message: string | null;
  stats: SyncRunStats | null;
}

async function runJob(context: INestApplicationContext): Promise<JobOutcome> {
  const task = await context.get(ScheduledTaskService).findByIdOrKey(TINK_SYNC_TASK_KEY);
  const started = await context.get(TaskRunner).start(task, context.get(Clock).now(), 'manual');
  if (!started.started) {
    return {
      status: 'not started',
      seconds: 0,
      message: `the runner refused (${started.reason}): is a run already in progress?`,
      stats: null,
    };
  }
  console.log(`Executing ${TINK_SYNC_TASK_KEY} through the task runner (run ${started.runId})...`);
  const stopProgress = showRunProgress(context, started.runId);
  const status = await started.done.finally(stopProgress);
  const run = await context.get(RunLedgerStore).findRun(started.runId);
  if (!run) throw new Error(`Run ${started.runId} has no row`);
  printItemCounts(run);
  const seconds = run.executionEnd
    ? (run.executionEnd.getTime() - run.executionStart.getTime()) / 1000
    : 0;
  const details = run.details as (SyncRunStats & { message?: string }) | null;
  return {
    status,
    seconds,
    message: run.errorMessage ?? details?.message ?? null,
    stats: details && 'attempted' in details ? details : null,
  };
}

/** Prints the counts and every failure; returns the number of failed syncs. */
function printStats(stats: SyncRunStats): number {
  console.log(`Total connections found: ${stats.connections_found}`);
  console.log(`Eligible for sync: ${stats.eligible}`);
  console.log(`Skipped (no subscription): ${stats.skipped_no_subscription}`);
  if (stats.deferred > 0) {
    const reasons = Object.entries(stats.deferred_by_reason)
      .map(([reason, count]) => `${count} ${reason}`)
      .join(', ');
    console.log(`Deferred by the sync policy: ${stats.deferred} (${reasons})`);
  }
  console.log('');
  console.log(`Successful syncs: ${stats.successful} ✅`);
  console.log(`Failed syncs: ${stats.failed} ❌`);
  const t = stats.transactions;
  console.log(
    `Accounts: ${stats.accounts}; transactions: ${t.inserted} new, ${t.updated} updated, ${t.removed} removed, ${t.unchanged} unchanged`,
  );
  const failures = stats.connections.filter((entry) => entry.outcome === 'failed');
  if (failures.length > 0) {
    console.log('\nFailed connections:');
    for (const entry of failures) {
      console.log(
        `  - connection ${entry.connection_id} (user ${entry.user_id}): ${entry.reason}: ${entry.detail}`,
      );
    }
  }
  const unrefreshed = stats.connections.filter((entry) => entry.refresh === 'refresh_failed');
  if (unrefreshed.length > 0) {
    console.log('\nRead without a fresh refresh (the refresh at Tink failed):');
    for (const entry of unrefreshed) {
      console.log(
        `  - connection ${entry.connection_id} (user ${entry.user_id}): ${entry.refresh_detail}`,
      );
    }
  }
  return stats.failed;
}

/** The application without HTTP and without timers: only this run executes. */
async function bootContext(verbose: boolean): Promise<INestApplicationContext> {
  const config = new AppConfig(
    loadEnvironment({ SCHEDULER_ENABLED: 'false', LOG_LEVEL: verbose ? 'info' : 'warn' }),
  );
  const logger = new PinoLoggerService(
    createRootLogger(
      { level: config.logLevel, pretty: false },
      pino.destination({ dest: 2, sync: true }),
    ),
  );
  const context = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger,
    abortOnError: false,
  });
  context.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  return context;
}

function banner(title: string): void {
  console.log(`${RULE}\n  ${title}\n${RULE}`);
}

function section(title: string): void {
  console.log(`\n--- ${title} ---`);
}

/** Booleans as the earlier Python tooling printed them (True/False), so outputs compare line by line. */
function pythonic(value: boolean): string {
  return value ? 'True' : 'False';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`sync:tink: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
