import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchDatabase } from './bench-database';
import { ChildRuntime } from './child-runtime';
import { SchedulerBenchSettings } from './bench-settings';
import { ProcessSampler } from './process-sampler';

/** What every phase of one benchmark run shares. */
export interface BenchRunContext {
  settings: SchedulerBenchSettings;
  database: BenchDatabase;
  sampler: ProcessSampler;
  /** The local database server's pid, when it can be watched. */
  databasePid: number | null;
  runtime: ChildRuntime;
  /** Children's logs (and CPU profiles) go here. */
  workDir: string;
}

export function createWorkDir(stamp: string): string {
  const dir = join(tmpdir(), `finsync-bench-${stamp}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
