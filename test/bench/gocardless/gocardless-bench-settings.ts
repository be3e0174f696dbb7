import { readBenchEnv } from '../bench-env';
/** What the GoCardless benchmark can be told through the environment, with its defaults (issue 12). */
export interface GoCardlessBenchSettings {
  readonly serverUrl: string;
  readonly quick: boolean;
  readonly accounts: number;
  readonly accountsPerConnection: number;
  readonly bookedPerAccount: number;
  readonly latencyMs: number;
  /** The simulator's app-wide limit (requests in any sliding second). */
  readonly simulatorRequestsPerSecond: number;
  /** finsync's own budget, set just under the simulator's limit as an operator would. */
  readonly clientRequestsPerSecond: number;
  /** Connections synced side by side (each sends one request at a time). */
  readonly concurrency: number;
  /** Sync passes over every connection: 4 spend the daily budget, the 5th must call nothing. */
  readonly passes: number;
  readonly ingestSampleAccounts: number;
  readonly ingestConcurrency: number;
}

export function readGoCardlessBenchSettings(
  env: NodeJS.ProcessEnv = process.env,
): GoCardlessBenchSettings {
  const { quick, serverUrl, number } = readBenchEnv(env);
  return {
    serverUrl,
    quick,
    accounts: number('BENCH_GOCARDLESS_ACCOUNTS', 1000, 200),
    accountsPerConnection: 5,
    bookedPerAccount: 50,
    latencyMs: 50,
    simulatorRequestsPerSecond: number('BENCH_GOCARDLESS_SIM_RPS', 100),
    clientRequestsPerSecond: number('BENCH_GOCARDLESS_CLIENT_RPS', 95),
    concurrency: number('BENCH_GOCARDLESS_CONCURRENCY', 20),
    passes: 5,
    ingestSampleAccounts: number('BENCH_GOCARDLESS_INGEST_ACCOUNTS', 300, 100),
    ingestConcurrency: 4,
  };
}
