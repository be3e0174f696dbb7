import { createSyncBenchDatabase, runSyncJob, seedConnections, startBenchApp } from './bench-app';
import { SimulatorProcess } from './simulator-process';
import type { SyncBenchSettings } from './sync-bench-settings';

const SEVEN_HOURS_MS = 7 * 3_600_000;

export interface AdaptiveRatePhase {
  readonly connections: number;
  readonly successful: number;
  readonly failed: number;
  readonly wallSeconds: number;
  readonly requests: number;
  readonly rateLimited: number;
  /** Share of requests answered 429. */
  readonly rateLimitedShare: number;
  readonly providerRequestsPerSecond: number;
  /** Answered (not 429) requests per second between the settling start and the tail. */
  readonly steadyRequestsPerSecond: number;
  readonly steadyOfLimit: number;
  /** Answered requests in each second of the run. */
  readonly answeredEachSecond: number[];
}

/**
 * A whole sync against a provider that takes fewer requests than finsync's default budget and says
 * nothing but a bare 429 when it is exceeded: finsync must find the provider's rate by itself.
 * Own simulator process and database, so it touches nothing of the main runs.
 */
export async function runAdaptiveRatePhase(
  settings: SyncBenchSettings,
): Promise<AdaptiveRatePhase> {
  const a = settings.adaptive;
  const sim = new SimulatorProcess();
  const database = await createSyncBenchDatabase(settings.serverUrl);
  let app: Awaited<ReturnType<typeof startBenchApp>> | undefined;
  try {
    const tink = await sim.call('start', {
      latencyMs: settings.simulatorLatencyMs,
      requestsPerSecond: a.providerRequestsPerSecond,
      refreshStepMs: 500,
      bareRateLimit: true,
    });
    const seeded = await sim.call('seed', {
      users: a.connections,
      accountsPerUser: a.accountsPerConnection,
      bookedPerAccount: a.transactionsPerAccount - settings.pendingPerAccount,
      pendingPerAccount: settings.pendingPerAccount,
    });
    app = await startBenchApp(
      { ...settings, clientRequestsPerSecond: a.clientRequestsPerSecond },
      database.url,
      tink,
    );
    await seedConnections(app, seeded.users);
    await sim.call('ageCredentials', { ms: SEVEN_HOURS_MS });
    await sim.call('resetCounters', null);

    const samples: { requests: number; rateLimited: number }[] = [];
    const sampler = setInterval(() => {
      void sim.call('counters', null).then((c) => samples.push(c));
    }, 1000);
    let run;
    try {
      run = await runSyncJob(app);
    } finally {
      clearInterval(sampler);
    }
    const counters = await sim.call('counters', null);
    const answeredEachSecond = samples.map((sample, i) => {
      const before = samples[i - 1] ?? { requests: 0, rateLimited: 0 };
      return sample.requests - before.requests - (sample.rateLimited - before.rateLimited);
    });
    const steady = answeredEachSecond.slice(a.settleSeconds, -a.tailSeconds);
    const steadyRequestsPerSecond =
      steady.length === 0 ? 0 : steady.reduce((sum, n) => sum + n, 0) / steady.length;
    return {
      connections: a.connections,
      successful: run.stats.successful,
      failed: run.stats.failed,
      wallSeconds: run.wallMs / 1000,
      requests: counters.requests,
      rateLimited: counters.rateLimited,
      rateLimitedShare: counters.rateLimited / Math.max(1, counters.requests),
      providerRequestsPerSecond: a.providerRequestsPerSecond,
      steadyRequestsPerSecond,
      steadyOfLimit: steadyRequestsPerSecond / a.providerRequestsPerSecond,
      answeredEachSecond,
    };
  } finally {
    await app?.close();
    await sim.stop();
    await database.drop();
  }
}
