import { readBenchEnv } from '../bench-env';
/** What the sync benchmark can be told through the environment, with its defaults (issue 4). */
export interface SyncBenchSettings {
  serverUrl: string;
  quick: boolean;
  connections: number;
  accountsPerConnection: number;
  /** Booked plus pending rows per account. */
  transactionsPerAccount: number;
  pendingPerAccount: number;
  simulatorLatencyMs: number;
  simulatorRequestsPerSecond: number;
  /** finsync's own budget, set just under the simulator's limit as an operator would. */
  clientRequestsPerSecond: number;
  concurrency: number;
  /** Accounts whose rows the ingest-versus-raw comparison writes again. */
  ingestSampleAccounts: number;
  /**
   * Accounts written at once in that comparison (both ways alike): one at a time (the per-row
   * cost), and several, as the sync's connections ingest side by side (the verdict's figure).
   */
  ingestConcurrencies: number[];
  /** The adaptive-rate run: a provider slower than finsync's default budget, sending bare 429s. */
  adaptive: AdaptiveRateBenchSettings;
}

export interface AdaptiveRateBenchSettings {
  connections: number;
  accountsPerConnection: number;
  transactionsPerAccount: number;
  providerRequestsPerSecond: number;
  /** finsync's default TINK_REQUESTS_PER_SECOND. */
  clientRequestsPerSecond: number;
  /** Seconds at the start (finding the rate) and the end (fewer connections left) left out of the steady rate. */
  settleSeconds: number;
  tailSeconds: number;
}

export function readSyncBenchSettings(env: NodeJS.ProcessEnv = process.env): SyncBenchSettings {
  const { quick, serverUrl, number } = readBenchEnv(env);
  return {
    serverUrl,
    quick,
    connections: number('BENCH_SYNC_CONNECTIONS', 1000, 100),
    accountsPerConnection: 2,
    transactionsPerAccount: 200,
    pendingPerAccount: 2,
    simulatorLatencyMs: 50,
    simulatorRequestsPerSecond: 100,
    clientRequestsPerSecond: number('BENCH_SYNC_CLIENT_RPS', 95),
    concurrency: number('BENCH_SYNC_CONCURRENCY', 10),
    ingestSampleAccounts: number('BENCH_SYNC_INGEST_ACCOUNTS', 500, 100),
    ingestConcurrencies: [1, number('BENCH_SYNC_INGEST_CONCURRENCY', 4)],
    adaptive: {
      connections: number('BENCH_SYNC_ADAPTIVE_CONNECTIONS', 20),
      accountsPerConnection: 2,
      transactionsPerAccount: 120,
      providerRequestsPerSecond: 5,
      clientRequestsPerSecond: 20,
      settleSeconds: 10,
      tailSeconds: 5,
    },
  };
}
