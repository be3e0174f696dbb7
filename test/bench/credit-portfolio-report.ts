import { cpus, totalmem } from 'node:os';
import { CreditPortfolioBenchResult } from './credit-portfolio-messages';

export const PEAK_RSS_TARGET_MB = 400;
export const IMPORT_TO_PARSE_TARGET = 3;

/** The runs of one step; `best` (least disturbed by other load) and the median. */
export interface StepFigures {
  best: CreditPortfolioBenchResult;
  medianMs: number;
  /** Highest peak RSS over the runs. */
  worstPeakRssMb: number;
  runs: CreditPortfolioBenchResult[];
}

export interface CreditPortfolioBenchReport {
  startedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMb: number;
    node: string;
    loadAverage: number[];
  };
  settings: { rows: number; batchSize: number; rounds: number; database: string; runtime: string };
  workbook: { path: string; sizeMb: number; generateSeconds: number };
  bareParse: StepFigures;
  parse: StepFigures;
  import: StepFigures;
  verdicts: { target: string; actual: string; met: boolean }[];
}

export function stepFigures(runs: CreditPortfolioBenchResult[]): StepFigures {
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  return {
    best: byTime[0],
    medianMs: byTime[Math.floor((byTime.length - 1) / 2)].ms,
    worstPeakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    runs,
  };
}

export function verdictsOf(
  bare: StepFigures,
  imported: StepFigures,
  rows: number,
): CreditPortfolioBenchReport['verdicts'] {
  const ratio = imported.best.ms / bare.best.ms;
  const medianRatio = imported.medianMs / bare.medianMs;
  const complete = imported.runs.every((run) => run.rows === rows && run.status === 'imported');
  return [
    {
      target: `all ${rows} rows imported in every round`,
      actual: imported.runs.map((run) => `${run.rows} ${run.status}`).join(', '),
      met: complete,
    },
    {
      target: `peak RSS of the import < ${PEAK_RSS_TARGET_MB} MB (worst round)`,
      actual: `${imported.worstPeakRssMb.toFixed(0)} MB`,
      met: imported.worstPeakRssMb < PEAK_RSS_TARGET_MB,
    },
    {
      target: `import time < ${IMPORT_TO_PARSE_TARGET}× bare exceljs parse (best rounds)`,
      actual: `${ratio.toFixed(2)}× (medians: ${medianRatio.toFixed(2)}×)`,
      met: ratio < IMPORT_TO_PARSE_TARGET,
    },
  ];
}

export function machine(): CreditPortfolioBenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    loadAverage: [],
  };
}

export function formatReport(report: CreditPortfolioBenchReport): string {
  const line = (label: string, step: StepFigures): string =>
    `  ${label.padEnd(32)} best ${seconds(step.best.ms)} s, median ${seconds(step.medianMs)} s  ` +
    `${Math.round(step.best.rows / (step.best.ms / 1000))
      .toLocaleString('en-US')
      .padStart(7)} rows/s  peak RSS ${step.worstPeakRssMb.toFixed(0).padStart(3)} MB`;
  const { settings, workbook, machine: host } = report;
  const downloads = report.import.runs
    .map((run) => run.downloadMs)
    .filter((ms): ms is number => ms !== undefined);
  return [
    `credit-portfolio import benchmark — ${settings.rows.toLocaleString('en-US')}-row expenses workbook ` +
      `(${workbook.sizeMb.toFixed(1)} MB, generated in ${workbook.generateSeconds.toFixed(1)} s), ` +
      `${settings.database}, batches of ${settings.batchSize}, ${settings.rounds} round(s), children ${settings.runtime}`,
    `  ${host.cpus} × ${host.cpuModel}, ${host.memoryMb} MB, Node ${host.node}, ` +
      `load average before/after ${host.loadAverage.map((load) => load.toFixed(1)).join(' / ')}`,
    line('bare exceljs stream parse', report.bareParse),
    line('finsync parser (no database)', report.parse),
    line('finsync import (parse + write)', report.import),
    downloads.length > 0
      ? `  FTP download before each import: ${downloads.map((ms) => seconds(ms)).join(', ')} s`
      : '',
    ...report.verdicts.map(
      (verdict) => `  [${verdict.met ? 'MET ' : 'MISS'}] ${verdict.target}: ${verdict.actual}`,
    ),
  ]
    .filter((text) => text !== '')
    .join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2).padStart(5);
}
