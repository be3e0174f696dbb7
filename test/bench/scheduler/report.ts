import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { BaselinePhaseResult } from './baseline-phase';
import { ScenarioName, SchedulerBenchSettings } from './bench-settings';
import { InstanceFigures, InstancePhaseResult } from './instance-phase';
import { RSS_TARGET_MB, SCENARIOS } from './scenarios';
import { SeedResult } from './task-seeder';

export interface SchedulerBenchReport {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string };
  settings: SchedulerBenchSettings;
  baseline: BaselinePhaseResult | null;
  seeds: SeedFigures[];
  phases: InstancePhaseResult[];
  verdicts: Verdict[];
}

/** How long inserting a scenario's tasks took (multi-row INSERTs). */
export interface SeedFigures extends SeedResult {
  scenario: ScenarioName;
}

export interface Verdict {
  phase: string;
  target: string;
  actual: string;
  met: boolean;
}

export function buildReport(
  startedAt: Date,
  settings: SchedulerBenchSettings,
  baseline: BaselinePhaseResult | null,
  seeds: SeedFigures[],
  phases: InstancePhaseResult[],
): SchedulerBenchReport {
  return {
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
    },
    settings,
    baseline,
    seeds,
    phases,
    verdicts: phases.flatMap(verdictsOf),
  };
}

function phaseName(phase: InstancePhaseResult): string {
  return `${phase.scenario} ×${phase.instanceCount}`;
}

function verdictsOf(phase: InstancePhaseResult): Verdict[] {
  const name = phaseName(phase);
  const target = SCENARIOS[phase.scenario].lagP99TargetMs;
  const peak = Math.max(...phase.instances.map((instance) => instance.peakRssMb));
  const { ledger } = phase;
  return [
    {
      phase: name,
      target: `lag p99 < ${target / 1000} s`,
      actual: `${seconds(ledger.lag.p99Ms)} s`,
      met: ledger.lag.p99Ms < target,
    },
    {
      phase: name,
      target: `RSS < ${RSS_TARGET_MB} MB per instance`,
      actual: `${peak.toFixed(0)} MB peak`,
      met: peak < RSS_TARGET_MB,
    },
    {
      phase: name,
      target: 'no fire run twice',
      actual: `${ledger.duplicateFires} duplicated`,
      met: ledger.duplicateFires === 0,
    },
    {
      phase: name,
      target: 'no fire lost',
      actual:
        `${ledger.lostFires} of ${ledger.expectedFires} lost in the window, ` +
        `${ledger.claimedWithoutRecord} claimed and never run (at stop), ${ledger.unexpectedRuns} unexpected`,
      met:
        ledger.lostFires === 0 && ledger.claimedWithoutRecord === 0 && ledger.unexpectedRuns === 0,
    },
  ];
}

/** CPU used by the rest of the machine above which a run's figures are flagged as disturbed. */
const DISTURBED_CPU_PERCENT = 25;

/** The compact text report: one row per run, ratios against the baseline, the targets. */
export function formatReport(report: SchedulerBenchReport): string {
  const { baseline } = report;
  const header = [
    'run',
    'tasks',
    'boot s',
    '1st run s',
    'RSS MB steady/peak',
    'RSS Δ window',
    'CPU %',
    'DB CPU %',
    'other CPU %',
    'fires/s (expected)',
    'lag p50 s',
    'lag p99 s',
    'lag max s',
    'lost',
    'lost@stop',
    'dup',
    'missed/skipped',
    'queries/fire',
  ];
  const rows: string[][] = [];
  if (baseline) {
    rows.push([
      'cron baseline',
      String(baseline.jobs),
      baseline.bootSeconds.toFixed(1),
      '-',
      `${baseline.steadyRssMb.toFixed(0)}/${baseline.peakRssMb.toFixed(0)}`,
      signedMb(baseline.rssAtWindowEndMb - baseline.rssAtWindowStartMb),
      baseline.cpuPercent.toFixed(0),
      '-',
      baseline.otherCpuPercent.toFixed(0),
      `${(baseline.ticks / baseline.window.seconds).toFixed(1)} (${(baseline.expectedTicks / baseline.window.seconds).toFixed(1)})`,
      seconds(baseline.lag.p50Ms),
      seconds(baseline.lag.p99Ms),
      seconds(baseline.lag.maxMs),
      String(baseline.expectedTicks - baseline.ticks),
      '-',
      '-',
      '-',
      '-',
    ]);
  }
  for (const phase of report.phases) {
    rows.push(phaseRow(phase));
    if (phase.instanceCount > 1)
      rows.push(...phase.instances.map((instance) => instanceRow(phase, instance)));
  }
  const lines = [table([header, ...rows])];
  const disturbed = [
    ...(baseline ? [{ name: 'cron baseline', other: baseline.otherCpuPercent }] : []),
    ...report.phases.map((phase) => ({ name: phaseName(phase), other: phase.otherCpuPercent })),
  ].filter(({ other }) => other > DISTURBED_CPU_PERCENT);
  for (const { name, other } of disturbed)
    lines.push(
      `WARNING: other processes used ${other.toFixed(0)}% of a core during ${name}: figures disturbed`,
    );
  const flags = report.settings.instanceNodeFlags;
  lines.push(
    `finsync instances ran with node flags: ${flags.length > 0 ? flags.join(' ') : "none (Node's defaults)"}`,
  );
  for (const seed of report.seeds)
    lines.push(
      `Seeded scenario ${seed.scenario}: ${seed.tasks} tasks in ${seed.seconds.toFixed(1)} s ` +
        `(${Math.round(seed.tasks / seed.seconds)} rows/s, multi-row INSERTs)`,
    );
  if (baseline) lines.push('', ...ratioLines(report.phases, baseline));
  lines.push('', 'Targets:');
  for (const verdict of report.verdicts)
    lines.push(
      `  ${verdict.met ? 'MET   ' : 'MISSED'} ${verdict.phase.padEnd(6)} ${verdict.target.padEnd(28)} ${verdict.actual}`,
    );
  return lines.join('\n');
}

function phaseRow(phase: InstancePhaseResult): string[] {
  const { ledger, instances } = phase;
  const firstRuns = instances.flatMap((instance) =>
    instance.firstRunSeconds === null ? [] : [instance.firstRunSeconds],
  );
  return [
    phaseName(phase),
    String(phase.taskCount),
    Math.max(...instances.map((instance) => instance.bootSeconds)).toFixed(1),
    firstRuns.length > 0 ? Math.min(...firstRuns).toFixed(1) : '-',
    `${Math.max(...instances.map((instance) => instance.steadyRssMb)).toFixed(0)}/${Math.max(...instances.map((instance) => instance.peakRssMb)).toFixed(0)}`,
    signedMb(
      Math.max(
        ...instances.map((instance) => instance.rssAtWindowEndMb - instance.rssAtWindowStartMb),
      ),
    ),
    instances.reduce((sum, instance) => sum + instance.cpuPercent, 0).toFixed(0),
    phase.databaseCpuPercent === null ? '-' : phase.databaseCpuPercent.toFixed(0),
    phase.otherCpuPercent.toFixed(0),
    `${ledger.firesPerSecond.toFixed(1)} (${ledger.expectedFiresPerSecond.toFixed(1)})`,
    seconds(ledger.lag.p50Ms),
    seconds(ledger.lag.p99Ms),
    seconds(ledger.lag.maxMs),
    String(ledger.lostFires),
    String(ledger.claimedWithoutRecord),
    String(ledger.duplicateFires),
    `${ledger.statuses.missed ?? 0}/${ledger.statuses.skipped ?? 0}`,
    phase.queriesPerFire.toFixed(2),
  ];
}

function instanceRow(phase: InstancePhaseResult, instance: InstanceFigures): string[] {
  return [
    `  ${instance.instanceId}`,
    '',
    instance.bootSeconds.toFixed(1),
    instance.firstRunSeconds === null ? '-' : instance.firstRunSeconds.toFixed(1),
    `${instance.steadyRssMb.toFixed(0)}/${instance.peakRssMb.toFixed(0)}`,
    signedMb(instance.rssAtWindowEndMb - instance.rssAtWindowStartMb),
    instance.cpuPercent.toFixed(0),
    '',
    '',
    share(phase, instance.instanceId),
  ];
}

function ratioLines(phases: InstancePhaseResult[], baseline: BaselinePhaseResult): string[] {
  const lines = ['Against the cron baseline (finsync / cron):'];
  for (const phase of phases) {
    const peak = Math.max(...phase.instances.map((instance) => instance.peakRssMb));
    lines.push(
      `  ${phaseName(phase).padEnd(6)} lag p99 ×${ratio(phase.ledger.lag.p99Ms, baseline.lag.p99Ms)}` +
        `  lag p50 ×${ratio(phase.ledger.lag.p50Ms, baseline.lag.p50Ms)}` +
        `  peak RSS per instance ×${ratio(peak, baseline.peakRssMb)}`,
    );
  }
  return lines;
}

function share(phase: InstancePhaseResult, instanceId: string): string {
  const runs = phase.ledger.runsByInstance[instanceId] ?? 0;
  const total = Object.values(phase.ledger.runsByInstance).reduce((sum, n) => sum + n, 0);
  return `${((100 * runs) / Math.max(1, total)).toFixed(0)}% of runs`;
}

function ratio(value: number, reference: number): string {
  return reference > 0 && Number.isFinite(value) ? (value / reference).toFixed(2) : 'n/a';
}

function signedMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb >= 0 ? '+' : ''}${mb.toFixed(0)}` : 'n/a';
}

function seconds(ms: number): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(3) : 'n/a';
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => (cell ?? '').padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Writes the report as JSON (formatted as the repository's Prettier wants it); returns the path. */
export async function writeReport(report: SchedulerBenchReport, stamp: string): Promise<string> {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `scheduler-${stamp}.json`);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(report), { ...options, filepath: file }));
  return file;
}
