import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { budgetWindow } from '../../../src/infra/http-client';
import type { TinkSimulatorCounters } from '../../simulators/tink';
import type { AdaptiveRatePhase } from './adaptive-rate-phase';
import type { JobRunFigures } from './bench-app';
import type { IngestComparison } from './ingest-comparison';
import type { SyncBenchSettings } from './sync-bench-settings';

export interface SyncPhase {
  readonly name: string;
  readonly wallSeconds: number;
  readonly status: string;
  readonly successful: number;
  readonly failed: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** min(simulator limit, concurrency ÷ latency). */
  readonly boundRequestsPerSecond: number;
  readonly ofBound: number;
  /** finsync's own request budget as its limiter hands it out (just under the simulator's). */
  readonly ownBudgetRequestsPerSecond: number;
  readonly ofOwnBudget: number;
  readonly rateLimited: number;
  readonly budgetRejections: number;
  readonly peakRequestsPerSecond: number;
  readonly refreshesAccepted: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsRemoved: number;
  readonly rowsUnchanged: number;
  readonly rowsPerSecond: number;
  /** Requests the simulator received in each second of the run. */
  readonly requestsEachSecond: number[];
  /** CPU time of the finsync process (user + system) during the run. */
  readonly finsyncCpuSeconds: number;
}

export interface SyncBenchReport {
  readonly startedAt: string;
  readonly machine: { cpus: number; node: string };
  readonly settings: SyncBenchSettings;
  readonly phases: SyncPhase[];
  /** One at a time first, then side by side. */
  readonly ingest: IngestComparison[];
  readonly adaptive: AdaptiveRatePhase;
  readonly verdicts: { target: string; actual: string; met: boolean }[];
}

export function syncPhase(
  name: string,
  settings: SyncBenchSettings,
  run: JobRunFigures,
  counters: TinkSimulatorCounters,
  samples: { requestsEachSecond: number[]; finsyncCpuSeconds: number },
): SyncPhase {
  const wallSeconds = run.wallMs / 1000;
  const bound = Math.min(
    settings.simulatorRequestsPerSecond,
    settings.concurrency / (settings.simulatorLatencyMs / 1000),
  );
  const requestsPerSecond = counters.requests / wallSeconds;
  const window = budgetWindow(settings.clientRequestsPerSecond);
  const ownBudget = (window.points * 1000) / window.windowMs;
  const t = run.stats.transactions;
  return {
    name,
    wallSeconds,
    status: run.status,
    successful: run.stats.successful,
    failed: run.stats.failed,
    requests: counters.requests,
    requestsPerSecond,
    boundRequestsPerSecond: bound,
    ofBound: requestsPerSecond / bound,
    ownBudgetRequestsPerSecond: ownBudget,
    ofOwnBudget: requestsPerSecond / ownBudget,
    rateLimited: counters.rateLimited,
    budgetRejections: counters.budgetRejections,
    peakRequestsPerSecond: counters.peakRequestsPerSecond,
    refreshesAccepted: counters.refreshesAccepted,
    rowsInserted: t.inserted,
    rowsUpdated: t.updated,
    rowsRemoved: t.removed,
    rowsUnchanged: t.unchanged,
    rowsPerSecond: t.inserted / wallSeconds,
    ...samples,
  };
}

export function buildSyncReport(
  startedAt: Date,
  settings: SyncBenchSettings,
  phases: SyncPhase[],
  ingest: IngestComparison[],
  adaptive: AdaptiveRatePhase,
): SyncBenchReport {
  const [first, resync] = phases;
  const concurrent = ingest[ingest.length - 1];
  return {
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    settings,
    phases,
    ingest,
    adaptive,
    verdicts: [
      {
        target: 'first sync: request rate ≥ 0.9 of min(limit, concurrency/latency)',
        actual: ratio(first.ofBound),
        met: first.ofBound >= 0.9,
      },
      {
        target: 'no 429 caused by finsync (both runs)',
        actual: `${first.budgetRejections + resync.budgetRejections}`,
        met: first.budgetRejections + resync.budgetRejections === 0,
      },
      {
        target: `ingest ≥ 0.7 of raw mysql2 INSERT … ON DUPLICATE KEY UPDATE (${concurrent.concurrency} accounts at a time)`,
        actual: ratio(concurrent.ratio),
        met: concurrent.ratio >= 0.7,
      },
      {
        target: 'unchanged re-sync writes no transaction',
        actual: `${resync.rowsInserted} inserted, ${resync.rowsUpdated} updated, ${resync.rowsRemoved} removed`,
        met: resync.rowsInserted + resync.rowsUpdated + resync.rowsRemoved === 0,
      },
      {
        target: `adaptive rate: every connection synced, ≤ 5 % of requests answered 429`,
        actual: `${adaptive.successful}/${adaptive.connections}, ${percent(adaptive.rateLimitedShare)}`,
        met: adaptive.successful === adaptive.connections && adaptive.rateLimitedShare <= 0.05,
      },
      {
        target: "adaptive rate: steady rate ≥ 0.8 of the provider's limit",
        actual: ratio(adaptive.steadyOfLimit),
        met: adaptive.steadyOfLimit >= 0.8,
      },
    ],
  };
}

export function formatSyncReport(report: SyncBenchReport): string {
  const s = report.settings;
  const lines = [
    `Sync benchmark: ${s.connections} connections × ${s.accountsPerConnection} accounts × ${s.transactionsPerAccount} transactions`,
    `simulator: ${s.simulatorLatencyMs} ms latency, ${s.simulatorRequestsPerSecond} req/s app-wide; finsync: concurrency ${s.concurrency}, own budget ${s.clientRequestsPerSecond} req/s; ${report.machine.cpus} CPUs`,
    '',
  ];
  for (const phase of report.phases) {
    lines.push(
      `${phase.name}: ${phase.wallSeconds.toFixed(1)} s, ${phase.status}, ${phase.successful} ok / ${phase.failed} failed`,
      `  requests ${phase.requests} → ${phase.requestsPerSecond.toFixed(1)} req/s = ${ratio(phase.ofBound)} of the bound ${phase.boundRequestsPerSecond} req/s (peak ${phase.peakRequestsPerSecond} in any second); ${ratio(phase.ofOwnBudget)} of finsync's own ${phase.ownBudgetRequestsPerSecond.toFixed(2)} req/s`,
      `  429s received ${phase.rateLimited} (from the app-wide budget: ${phase.budgetRejections}); refreshes ${phase.refreshesAccepted}`,
      `  finsync CPU ${phase.finsyncCpuSeconds.toFixed(1)} s (${Math.round((100 * phase.finsyncCpuSeconds) / phase.wallSeconds)}% of one core)`,
      `  rows: ${phase.rowsInserted} inserted (${Math.round(phase.rowsPerSecond)} rows/s of wall time), ${phase.rowsUpdated} updated, ${phase.rowsRemoved} removed, ${phase.rowsUnchanged} unchanged`,
    );
  }
  for (const i of report.ingest) {
    lines.push(
      `ingest vs raw (${i.rows} rows, ${i.accounts} accounts, ${i.concurrency} at a time): ` +
        `finsync ${i.ingestRowsPerSecond} rows/s, raw mysql2 ${i.rawRowsPerSecond} rows/s → ${ratio(i.ratio)}`,
    );
  }
  const a = report.adaptive;
  lines.push(
    `adaptive rate (provider ${a.providerRequestsPerSecond} req/s, bare 429s; finsync budget ${s.adaptive.clientRequestsPerSecond} req/s): ` +
      `${a.wallSeconds.toFixed(1)} s, ${a.successful} ok / ${a.failed} failed, requests ${a.requests}, ` +
      `429s ${a.rateLimited} (${percent(a.rateLimitedShare)}), steady ${a.steadyRequestsPerSecond.toFixed(2)} req/s = ${ratio(a.steadyOfLimit)} of the limit`,
  );
  lines.push(
    '',
    ...report.verdicts.map((v) => `${v.met ? 'MET    ' : 'MISSED '} ${v.target}: ${v.actual}`),
  );
  return lines.join('\n');
}

/** Written as Prettier would, so the results folder stays lint-clean. */
export async function writeSyncReport(report: SyncBenchReport): Promise<string> {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sync-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(report), { ...options, filepath: file }));
  return file;
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)} %`;
}

function ratio(value: number): string {
  return value.toFixed(2);
}
