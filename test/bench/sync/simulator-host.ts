/**
 * The Tink simulator in a process of its own, so that finsync and the simulator do not share an
 * event loop (and CPU) during the benchmark: the simulator plays the network.
 */
import { startTinkSimulator, type TinkSimulator } from '../../simulators/tink';
import type { HostReply, HostRequest, SimulatorOperations } from './simulator-messages';

let sim: TinkSimulator | undefined;

function requireSim(): TinkSimulator {
  if (!sim) throw new Error('simulator not started');
  return sim;
}

type Handlers = {
  [K in keyof SimulatorOperations]: (
    args: SimulatorOperations[K]['args'],
  ) => Promise<SimulatorOperations[K]['result']>;
};

const handlers: Handlers = {
  async start(args) {
    sim = await startTinkSimulator({
      latencyMs: args.latencyMs,
      rateLimit: { requestsPerSecond: args.requestsPerSecond },
      refresh: { stepMs: args.refreshStepMs, quota: null },
      chaos: { bareRateLimit: args.bareRateLimit ?? false },
    });
    return { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret };
  },
  async seed(args) {
    const summary = requireSim().seed({
      users: args.users,
      accountsPerUser: args.accountsPerUser,
      transactionsPerAccount: args.bookedPerAccount,
      pendingPerAccount: args.pendingPerAccount,
      historyDays: 365,
    });
    return {
      users: summary.users.map((user) => ({
        tinkUserId: user.id,
        credentialId: requireSim().data.credentialsOf(user.id)[0].id,
      })),
      transactions: summary.transactions,
    };
  },
  async ageCredentials({ ms }) {
    const current = requireSim();
    const at = current.control.now() - ms;
    for (const user of current.data.allUsers()) {
      for (const credential of current.data.credentialsOf(user.id)) credential.updated = at;
    }
    return null;
  },
  async counters() {
    return requireSim().control.counters();
  },
  async resetCounters() {
    requireSim().control.resetCounters();
    return null;
  },
  async stop() {
    await sim?.stop();
    sim = undefined;
    return null;
  },
};

process.on('message', (message: HostRequest) => {
  const handler = handlers[message.op] as (args: unknown) => Promise<unknown>;
  handler(message.args).then(
    (result) => send({ id: message.id, ok: true, result }),
    (error: unknown) =>
      send({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});

function send(reply: HostReply): void {
  process.send?.(reply);
}
