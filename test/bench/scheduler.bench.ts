import { BaselinePhaseResult, runBaselinePhase } from './scheduler/baseline-phase';
import { createBenchDatabase } from './scheduler/bench-database';
import { BenchRunContext, createWorkDir } from './scheduler/bench-run-context';
import { readBenchSettings } from './scheduler/bench-settings';
import { prepareChildRuntime } from './scheduler/child-runtime';
import { InstancePhaseResult, runInstancePhase } from './scheduler/instance-phase';
import { findLocalDatabaseServer, ProcessSampler } from './scheduler/process-sampler';
import { buildReport, formatReport, SeedFigures, writeReport } from './scheduler/report';
import { SCENARIOS } from './scheduler/scenarios';
import { seedTasks } from './scheduler/task-seeder';

/**
 * The scheduling engine against its targets (issue 3): scenarios A (10,000 tasks every minute) and
 * B (100,000 hourly) on one and two finsync instances sharing a throw-away MySQL database, and
 * 10,000 bare `cron` CronJobs as the baseline.
 */
export async function runSchedulerBenchmark(): Promise<void> {
  const settings = readBenchSettings();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const sampler = new ProcessSampler();
  sampler.start();
  const workDir = createWorkDir(stamp);
  const runtime = prepareChildRuntime(settings.runtime, workDir);
  const database = await createBenchDatabase(settings.serverUrl);
  const context: BenchRunContext = {
    settings,
    database,
    sampler,
    databasePid: findLocalDatabaseServer(settings.serverUrl),
    runtime,
    workDir,
  };
  if (context.databasePid !== null) sampler.watch(context.databasePid);
  const dropOnInterrupt = (): void => {
    runtime.dispose();
    void database.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', dropOnInterrupt);
  log(
    `database ${database.name}; children run ${runtime.mode}; logs in ${workDir}` +
      (settings.quick ? '; QUICK mode' : ''),
  );

  let baseline: BaselinePhaseResult | null = null;
  const phases: InstancePhaseResult[] = [];
  const seeds: SeedFigures[] = [];
  try {
    log(`baseline: ${settings.baselineJobs} bare cron CronJobs`);
    baseline = await runBaselinePhase(context);
    for (const name of settings.scenarios) {
      await database.reset();
      const seeded = await seedTasks(database.pool, SCENARIOS[name]);
      seeds.push({ scenario: name, ...seeded });
      log(`seeded ${seeded.tasks} tasks in ${seeded.seconds.toFixed(1)} s`);
      for (const instances of settings.instanceCounts) {
        log(`scenario ${name} (${SCENARIOS[name].title}) on ${instances} instance(s)`);
        phases.push(await runInstancePhase(context, SCENARIOS[name], instances));
      }
    }
  } finally {
    sampler.stop();
    process.removeListener('SIGINT', dropOnInterrupt);
    runtime.dispose();
    await database.drop();
  }
  const report = buildReport(startedAt, settings, baseline, seeds, phases);
  console.log(`\n${formatReport(report)}\n`);
  log(`report written to ${await writeReport(report, stamp)}`);
}

function log(message: string): void {
  console.log(`[bench:scheduler ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
