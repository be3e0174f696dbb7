import type { TinkSimulatorCounters } from '../../simulators/tink';

/** Requests the benchmark sends to the simulator host, and what each answers. */
export interface SimulatorOperations {
  start: {
    args: {
      latencyMs: number;
      requestsPerSecond: number;
      refreshStepMs: number;
      /** Budget 429s without Retry-After, headers or body (the fault layer's bareRateLimit). */
      bareRateLimit?: boolean;
    };
    result: { url: string; clientId: string; clientSecret: string };
  };
  seed: {
    args: {
      users: number;
      accountsPerUser: number;
      bookedPerAccount: number;
      pendingPerAccount: number;
    };
    result: { users: { tinkUserId: string; credentialId: string }[]; transactions: number };
  };
  /** Pretends Tink last refreshed every credential this long ago. */
  ageCredentials: { args: { ms: number }; result: null };
  counters: { args: null; result: TinkSimulatorCounters };
  resetCounters: { args: null; result: null };
  stop: { args: null; result: null };
}

export type OperationName = keyof SimulatorOperations;

export interface HostRequest<K extends OperationName = OperationName> {
  id: number;
  op: K;
  args: SimulatorOperations[K]['args'];
}

export type HostReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
