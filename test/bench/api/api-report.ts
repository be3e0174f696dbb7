import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { ApiBenchSettings } from './api-bench-settings';
import type { CpuSplit } from './cpu-split';
import type { LoadFigures } from './load-loop';

/** The list routes are held against /health, measured in the same phase. */
export const TARGET_RATIO = 0.5;
export const TARGET_P99_MS = 50;

export interface RouteFigures extends LoadFigures {
  route: string;
  path: string;
  /** req/s of this route ÷ req/s of /health in the same phase. */
  ofHealth: number;
  /** SQL statements the server sent per request (while this route was under load). */
  queriesPerRequest: number;
  cpu: CpuSplit;
}

export interface ApiPhase {
  tasks: number;
  runs: number;
  seedSeconds: number;
  routes: RouteFigures[];
}

export interface ApiBenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  settings: ApiBenchSettings;
  phases: ApiPhase[];
  verdicts: { target: string; actual: string; met: boolean }[];
}

export function buildApiReport(
  startedAt: Date,
  settings: ApiBenchSettings,
  phases: ApiPhase[],
): ApiBenchReport {
  const verdicts = phases.flatMap((phase) =>
    phase.routes
      .filter((route) => route.route !== 'health')
      .map((route) => ({
        target: `${route.route} at ${phase.tasks} tasks: ≥ ${TARGET_RATIO}× /health's rate, p99 < ${TARGET_P99_MS} ms, no errors`,
        actual: `${ratio(route.ofHealth)}×, p99 ${route.p99Ms.toFixed(1)} ms, ${route.errors} errors`,
        met: route.ofHealth >= TARGET_RATIO && route.p99Ms < TARGET_P99_MS && route.errors === 0,
      })),
  );
  return {
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    settings,
    phases,
    verdicts,
  };
}

export function formatApiReport(report: ApiBenchReport): string {
  const s = report.settings;
  const lines = [
    `API benchmark: ${s.connections} keep-alive connections; ${s.rounds} rounds of every route in turn, each ${s.warmupSeconds} s warm-up + ${s.windowSeconds} s measured; ${report.machine.cpus} CPUs, node ${report.machine.node}`,
    'CPU in % of one core: server = finsync, db = the database server, load = this load generator, other = the rest of the machine',
  ];
  const header = [
    'route'.padEnd(15),
    'req/s'.padStart(6),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'errors'.padStart(6),
    'SQL/req'.padStart(7),
    'CPU ms/req'.padStart(10),
    'server'.padStart(6),
    'db'.padStart(4),
    'load'.padStart(4),
    'other'.padStart(5),
    '× /health'.padStart(9),
  ].join(' ');
  for (const phase of report.phases) {
    lines.push(
      '',
      `${phase.tasks} tasks, ${phase.runs} runs (seeded in ${phase.seedSeconds.toFixed(1)} s)`,
      `  ${header}`,
    );
    for (const r of phase.routes) {
      const row = [
        r.route.padEnd(15),
        r.requestsPerSecond.toFixed(0).padStart(6),
        r.p50Ms.toFixed(1).padStart(7),
        r.p99Ms.toFixed(1).padStart(7),
        String(r.errors).padStart(6),
        r.queriesPerRequest.toFixed(2).padStart(7),
        r.cpu.serverMsPerRequest.toFixed(2).padStart(10),
        percent(r.cpu.server).padStart(6),
        (r.cpu.database === null ? '-' : percent(r.cpu.database)).padStart(4),
        percent(r.cpu.loadGenerator).padStart(4),
        percent(r.cpu.other).padStart(5),
        ratio(r.ofHealth).padStart(9),
      ].join(' ');
      lines.push(`  ${row}`);
    }
  }
  lines.push(
    '',
    ...report.verdicts.map((v) => `${v.met ? 'MET    ' : 'MISSED '} ${v.target}: ${v.actual}`),
  );
  return lines.join('\n');
}

/** Written as Prettier would, so the results folder stays lint-clean. */
export async function writeApiReport(report: ApiBenchReport): Promise<string> {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `api-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(report), { ...options, filepath: file }));
  return file;
}

function ratio(value: number): string {
  return value.toFixed(2);
}

function percent(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : '-';
}
