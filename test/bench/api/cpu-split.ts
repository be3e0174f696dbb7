import { ProcessSampler } from '../scheduler/process-sampler';

/** CPU seconds spent during measurement windows, by whom. */
export interface CpuSeconds {
  wall: number;
  server: number;
  database: number | null;
  /** This process: the load generator. */
  loadGenerator: number;
  machine: number;
}

/** Where the machine's CPU went while a route was under load, in % of one core. */
export interface CpuSplit {
  server: number;
  /** The server's CPU time per request answered, in ms. */
  serverMsPerRequest: number;
  database: number | null;
  loadGenerator: number;
  /** Everything else on the machine (other jobs): when high, the figures are disturbed. */
  other: number;
}

/** Samples the server, the database server and the machine during measurement windows. */
export class CpuWatch {
  private readonly sampler = new ProcessSampler(250);
  private opened: { at: number; own: NodeJS.CpuUsage } | null = null;
  private lastWindow: CpuSeconds | null = null;

  constructor(
    private readonly serverPid: number,
    private readonly databasePid: number | null,
  ) {
    this.sampler.watch(serverPid);
    if (databasePid !== null) this.sampler.watch(databasePid);
    this.sampler.start();
  }

  open(): void {
    this.opened = { at: Date.now(), own: process.cpuUsage() };
  }

  close(): void {
    if (!this.opened) return;
    const { at: start, own } = this.opened;
    const end = Date.now();
    const wall = (end - start) / 1000;
    const used = process.cpuUsage(own);
    const seconds = (percent: number): number => (percent * wall) / 100;
    this.lastWindow = {
      wall,
      server: seconds(this.sampler.figures(this.serverPid, start, end).cpuPercent),
      database:
        this.databasePid === null
          ? null
          : seconds(this.sampler.figures(this.databasePid, start, end).cpuPercent),
      loadGenerator: (used.user + used.system) / 1e6,
      machine: seconds(this.sampler.machineCpuPercent(start, end)),
    };
    this.opened = null;
  }

  /** The CPU of the window closed last. */
  takeWindow(): CpuSeconds {
    if (!this.lastWindow) throw new Error('no measurement window was closed');
    const window = this.lastWindow;
    this.lastWindow = null;
    return window;
  }

  stop(): void {
    this.sampler.stop();
  }
}

/** Several windows of one route taken together. */
export function cpuSplit(windows: CpuSeconds[], requests: number): CpuSplit {
  const sum = (pick: (window: CpuSeconds) => number): number =>
    windows.reduce((total, window) => total + pick(window), 0);
  const wall = sum((window) => window.wall);
  const percent = (seconds: number): number => (100 * seconds) / wall;
  const server = sum((window) => window.server);
  const database = windows.some((window) => window.database === null)
    ? null
    : sum((window) => window.database ?? 0);
  const loadGenerator = sum((window) => window.loadGenerator);
  return {
    server: percent(server),
    serverMsPerRequest: requests > 0 ? (1000 * server) / requests : Number.NaN,
    database: database === null ? null : percent(database),
    loadGenerator: percent(loadGenerator),
    other: Math.max(
      0,
      percent(sum((window) => window.machine) - server - (database ?? 0) - loadGenerator),
    ),
  };
}
