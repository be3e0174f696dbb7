/** What every benchmark reads alike from the environment: quick mode, the database server, numbers. */
export interface BenchEnv {
  readonly quick: boolean;
  /** `BENCH_DATABASE_URL`: a MySQL server URL without a database. */
  readonly serverUrl: string;
  /** A positive number setting: its value, else `full` (or `short` in quick mode). */
  number(name: string, full: number, short?: number): number;
}

export function readBenchEnv(env: NodeJS.ProcessEnv): BenchEnv {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  return {
    quick,
    serverUrl: (env.BENCH_DATABASE_URL || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, ''),
    number(name, full, short = full) {
      const raw = env[name];
      if (raw === undefined || raw === '') return quick ? short : full;
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0) {
        throw new Error(`${name} must be a positive number`);
      }
      return value;
    },
  };
}
