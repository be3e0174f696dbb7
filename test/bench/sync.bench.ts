import { INestApplication } from '@nestjs/common';
import { AdaptiveRatePhase, runAdaptiveRatePhase } from './sync/adaptive-rate-phase';
import { compareIngest, IngestComparison } from './sync/ingest-comparison';
import {
  createSyncBenchDatabase,
  JobRunFigures,
  runSyncJob,
  seedConnections,
  startBenchApp,
} from './sync/bench-app';
import { SimulatorProcess } from './sync/simulator-process';
import { readSyncBenchSettings, SyncBenchSettings } from './sync/sync-bench-settings';
import {
  buildSyncReport,
  formatSyncReport,
  SyncPhase,
  syncPhase,
  writeSyncReport,
} from './sync/sync-report';

const SEVEN_HOURS_MS = 7 * 3_600_000;

/**
 * Bank sync against its targets (issue 4): tink.sync-connections over 1,000 connections against
 * the Tink simulator (own process, 50 ms latency, 100 req/s app-wide), then an unchanged re-sync,
 * then finsync's ingest against a bare mysql2 upsert of the same rows, on a throw-away MySQL
 * database; then a sync against a provider slower than finsync's budget that sends bare 429s.
 */
export async function runSyncBenchmark(): Promise<void> {
  const settings = readSyncBenchSettings();
  const startedAt = new Date();
  const sim = new SimulatorProcess();
  const database = await createSyncBenchDatabase(settings.serverUrl);
  let app: Awaited<ReturnType<typeof startBenchApp>> | undefined;
  try {
    const tink = await sim.call('start', {
      latencyMs: settings.simulatorLatencyMs,
      requestsPerSecond: settings.simulatorRequestsPerSecond,
      refreshStepMs: 500,
    });
    const seeded = await sim.call('seed', {
      users: settings.connections,
      accountsPerUser: settings.accountsPerConnection,
      bookedPerAccount: settings.transactionsPerAccount - settings.pendingPerAccount,
      pendingPerAccount: settings.pendingPerAccount,
    });
    log(
      `simulator at ${tink.url}: ${seeded.users.length} users, ${seeded.transactions} transactions`,
    );
    app = await startBenchApp(settings, database.url, tink);
    await seedConnections(app, seeded.users);

    // Tink's own background refresh was 7 h ago, so the first run asks for a refresh everywhere.
    await sim.call('ageCredentials', { ms: SEVEN_HOURS_MS });
    await sim.call('resetCounters', null);
    log('first sync (refresh, accounts, full history)');
    const first = await measuredRun('first sync', settings, app, sim);
    await sim.call('resetCounters', null);
    log('unchanged re-sync');
    const resync = await measuredRun('unchanged re-sync', settings, app, sim);

    log('ingest vs raw mysql2');
    const ingest: IngestComparison[] = [];
    for (const concurrency of settings.ingestConcurrencies) {
      ingest.push(
        await compareIngest(app, database.url, settings.ingestSampleAccounts, concurrency),
      );
    }
    await app.close();
    app = undefined;
    log(
      `adaptive rate: ${settings.adaptive.connections} connections, provider ${settings.adaptive.providerRequestsPerSecond} req/s with bare 429s, finsync budget ${settings.adaptive.clientRequestsPerSecond} req/s`,
    );
    const adaptive: AdaptiveRatePhase = await runAdaptiveRatePhase(settings);
    const report = buildSyncReport(startedAt, settings, [first, resync], ingest, adaptive);
    console.log(`\n${formatSyncReport(report)}\n`);
    log(`report written to ${await writeSyncReport(report)}`);
  } finally {
    await app?.close();
    await sim.stop();
    await database.drop();
  }
}

/** A job run, with the simulator's request count sampled every second for the report. */
async function measuredRun(
  name: string,
  settings: SyncBenchSettings,
  app: INestApplication,
  sim: SimulatorProcess,
): Promise<SyncPhase> {
  const samples: number[] = [];
  const sampler = setInterval(() => {
    void sim.call('counters', null).then((counters) => samples.push(counters.requests));
  }, 1000);
  const cpuBefore = process.cpuUsage();
  let run: JobRunFigures;
  try {
    run = await runSyncJob(app);
  } finally {
    clearInterval(sampler);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const perSecond = samples.map((total, i) => total - (samples[i - 1] ?? 0));
  return syncPhase(name, settings, run, await sim.call('counters', null), {
    requestsEachSecond: perSecond,
    finsyncCpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
}

function log(message: string): void {
  console.log(`[bench:sync ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
