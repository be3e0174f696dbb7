import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { startGoCardlessSimulator } from '../simulators/gocardless';
import {
  linkRequisitions,
  startGoCardlessBenchApp,
  syncPass,
} from './gocardless/gocardless-bench-app';
import { readGoCardlessBenchSettings } from './gocardless/gocardless-bench-settings';
import { compareIngest, IngestComparison } from './sync/ingest-comparison';
import { createSyncBenchDatabase } from './sync/bench-app';

const LIFTED = { limit: 1_000_000, periodSeconds: 60 };

interface PassFigures {
  readonly pass: number;
  readonly wallSeconds: number;
  readonly requests: number;
  readonly dataCalls: number;
  readonly requestsPerSecond: number;
  /** Achieved rate ÷ min(app-wide limit, concurrency / latency) (target ≥ 0.9). */
  readonly ratioToBound: number;
  readonly synced: number;
  readonly skipped: number;
  readonly failed: number;
  readonly appWide429: number;
  readonly perAccount429: number;
}

/**
 * GoCardless against its targets (issue 12): 1,000 accounts behind the simulator (50 ms latency,
 * an app-wide limit), synced pass after pass until their daily budget is spent. Reports the
 * achieved request rate against the bound, calls wasted on a spent budget (target 0), and ingest
 * against a bare mysql2 upsert, on a throw-away MySQL database. The simulator runs in-process.
 */
export async function runGoCardlessBenchmark(): Promise<void> {
  const settings = readGoCardlessBenchSettings();
  const sim = await startGoCardlessSimulator({
    latencyMs: settings.latencyMs,
    rateLimit: { requestsPerSecond: settings.simulatorRequestsPerSecond },
    // The app-wide limit is the one measured; GoCardless' per-minute buckets are lifted.
    apiLimits: { accounts: LIFTED, 'consent-read': LIFTED, institutions: LIFTED },
  });
  const database = await createSyncBenchDatabase(settings.serverUrl);
  let app: INestApplication | undefined;
  try {
    const seeded = sim.seedBulk({
      accounts: settings.accounts,
      bookedPerAccount: settings.bookedPerAccount,
      accountsPerRequisition: settings.accountsPerConnection,
    });
    app = await startGoCardlessBenchApp(settings, database.url, sim);
    log(
      `linking ${seeded.requisitionIds.length} requisitions (${seeded.accountIds.length} accounts)`,
    );
    const connectionIds = await linkRequisitions(app, seeded.requisitionIds);

    const bound = Math.min(
      settings.simulatorRequestsPerSecond,
      settings.concurrency / (settings.latencyMs / 1000),
    );
    const passes: PassFigures[] = [];
    for (let pass = 1; pass <= settings.passes; pass += 1) {
      sim.resetCounters();
      const startedAt = Date.now();
      const results = await syncPass(app, connectionIds, settings.concurrency);
      const wallSeconds = (Date.now() - startedAt) / 1000;
      const counters = sim.counters();
      const dataCalls = [
        'accounts.metadata',
        'accounts.details',
        'accounts.balances',
        'accounts.transactions',
      ]
        .map((route) => counters.byRoute[route as keyof typeof counters.byRoute] ?? 0)
        .reduce((a, b) => a + b, 0);
      const requestsPerSecond = counters.requests / Math.max(wallSeconds, 0.001);
      passes.push({
        pass,
        wallSeconds,
        requests: counters.requests,
        dataCalls,
        requestsPerSecond: Math.round(requestsPerSecond * 10) / 10,
        ratioToBound: Math.round((requestsPerSecond / bound) * 1000) / 1000,
        synced: results.filter((r) => r.outcome === 'synced').length,
        skipped: results.filter((r) => r.outcome === 'skipped').length,
        failed: results.filter((r) => r.outcome === 'failed').length,
        appWide429: counters.rateLimited.faultLayer + counters.rateLimited.api,
        perAccount429: counters.rateLimited.accountSuccess + counters.rateLimited.bank,
      });
      log(`pass ${pass}: ${JSON.stringify(passes[passes.length - 1])}`);
      const reasons = new Map<string, number>();
      for (const r of results) {
        const key = `${r.outcome}:${r.reason ?? ''}:${(r.detail ?? '').slice(0, 120)}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
      log(`  outcomes: ${JSON.stringify([...reasons])}`);
    }
    log('ingest vs raw mysql2');
    const ingest: IngestComparison = await compareIngest(
      app,
      database.url,
      settings.ingestSampleAccounts,
      settings.ingestConcurrency,
    );
    const wasted = passes.reduce((sum, p) => sum + p.perAccount429, 0);
    const report = {
      startedAt: new Date().toISOString(),
      settings: { ...settings, serverUrl: undefined },
      boundRequestsPerSecond: bound,
      passes,
      verdict: {
        // Over the passes that read (the last one calls nothing): all their requests ÷ their time.
        ratioToBound: weightedRatio(
          passes.filter((p) => p.requests > 0),
          bound,
        ),
        ratioTarget: 0.9,
        callsWastedOnSpentBudget: wasted,
        lastPassDataCalls: passes[passes.length - 1].dataCalls,
        ingestRatioToRaw: Math.round(ingest.ratio * 1000) / 1000,
      },
      ingest,
    };
    console.log(`\n${JSON.stringify(report, null, 2)}\n`);
    const dir = join(__dirname, 'results');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `gocardless-${report.startedAt.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`report written to ${file}`);
  } finally {
    await app?.close();
    await sim.stop();
    await database.drop();
  }
}

function weightedRatio(passes: readonly PassFigures[], bound: number): number {
  const requests = passes.reduce((sum, p) => sum + p.requests, 0);
  const seconds = passes.reduce((sum, p) => sum + p.wallSeconds, 0);
  return seconds === 0 ? 0 : Math.round((requests / seconds / bound) * 1000) / 1000;
}

function log(message: string): void {
  console.log(`[bench:gocardless ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
