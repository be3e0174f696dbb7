import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessSample {
  at: number;
  rssBytes: number;
  /** Peak RSS so far (VmHWM). */
  peakBytes: number;
  /** User + system CPU time in clock ticks. */
  cpuTicks: number;
}

export interface ProcessFigures {
  /** Median RSS over the window. */
  steadyRssMb: number;
  /** Highest RSS the kernel saw over the process's life. */
  peakRssMb: number;
  /** CPU over the window, in % of one core. */
  cpuPercent: number;
  /** RSS at the window's start and end: growth here means memory grows with fires, not tasks. */
  rssAtWindowStartMb: number;
  rssAtWindowEndMb: number;
}

interface MachineSample {
  at: number;
  /** Busy clock ticks of all cores together (everything but idle and iowait). */
  busyTicks: number;
}

/** Samples RSS and CPU of processes, and the whole machine's CPU, from /proc (Linux). */
export class ProcessSampler {
  private readonly samples = new Map<number, ProcessSample[]>();
  private readonly machine: MachineSample[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly intervalMs = 500) {}

  watch(pid: number): void {
    if (!this.samples.has(pid)) this.samples.set(pid, []);
    this.sample(pid);
  }

  start(): void {
    this.timer ??= setInterval(() => {
      for (const pid of this.samples.keys()) this.sample(pid);
      const machine = readMachineSample();
      if (machine) this.machine.push(machine);
    }, this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes a last sample now (call before the process exits: its peak dies with it). */
  sample(pid: number): void {
    const sample = readProcessSample(pid);
    if (sample) this.samples.get(pid)?.push(sample);
  }

  figures(pid: number, windowStart: number, windowEnd: number): ProcessFigures {
    const all = this.samples.get(pid) ?? [];
    const inWindow = all.filter((sample) => sample.at >= windowStart && sample.at <= windowEnd);
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    const cpuSeconds =
      first && last ? (last.cpuTicks - first.cpuTicks) / CLOCK_TICKS_PER_SECOND : 0;
    const wallSeconds = first && last ? (last.at - first.at) / 1000 : 0;
    return {
      steadyRssMb: toMb(median(inWindow.map((sample) => sample.rssBytes))),
      peakRssMb: toMb(
        Math.max(0, ...all.map((sample) => Math.max(sample.peakBytes, sample.rssBytes))),
      ),
      cpuPercent: wallSeconds > 0 ? (100 * cpuSeconds) / wallSeconds : Number.NaN,
      rssAtWindowStartMb: toMb(first?.rssBytes ?? Number.NaN),
      rssAtWindowEndMb: toMb(last?.rssBytes ?? Number.NaN),
    };
  }

  /** CPU the whole machine used over the window, in % of one core (2 busy cores = 200). */
  machineCpuPercent(windowStart: number, windowEnd: number): number {
    const inWindow = this.machine.filter((s) => s.at >= windowStart && s.at <= windowEnd);
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    if (!first || last === first) return Number.NaN;
    const cpuSeconds = (last.busyTicks - first.busyTicks) / CLOCK_TICKS_PER_SECOND;
    return (100 * cpuSeconds) / ((last.at - first.at) / 1000);
  }
}

function readMachineSample(): MachineSample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const ticks = line.split(/\s+/).slice(1).map(Number);
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = ticks;
    return { at: Date.now(), busyTicks: user + nice + system + irq + softirq + steal };
  } catch {
    return null;
  }
}

function readProcessSample(pid: number): ProcessSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      at: Date.now(),
      rssBytes: statusKilobytes(status, 'VmRSS') * 1024,
      peakBytes: statusKilobytes(status, 'VmHWM') * 1024,
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function statusKilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The local database server's process, to report its CPU too (absent when remote or hidden). */
export function findLocalDatabaseServer(serverUrl: string): number | null {
  const host = new URL(serverUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return null;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        if (command === 'mariadbd' || command === 'mysqld') return Number(entry);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc here.
  }
  return null;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function toMb(bytes: number): number {
  return bytes / (1024 * 1024);
}
