import type { SyncRunStats } from '../../../src/banking/sync/sync-run-summary';
import type { TinkSimulatorOptions } from '../../simulators/tink';
import { BankingKit, LinkedUser, startBankingKit } from '../../kits/banking-kit';

const CONNECTIONS = 20;
const DATA_ROUTES = ['accounts.list', 'transactions.list', 'provider-consents.list'];

/**
 * Whole sync runs against a Tink that behaves like real providers do now and then (the issue's
 * scenarios: 20 users × 2 accounts × 120 transactions), through the simulator's fault layer.
 */
describe('Tink sync against a rough provider', () => {
  let kit: BankingKit | undefined;
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
  });

  async function linkEveryone(started: BankingKit): Promise<LinkedUser[]> {
    const linked: LinkedUser[] = [];
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const user = await started.linkUser({ transactionsPerAccount: 120 });
      // Tink last refreshed it 7 h ago, so the run asks for a refresh.
      user.credential.updated = started.sim.control.now() - 7 * 3_600_000;
      linked.push(user);
    }
    return linked;
  }

  async function syncEveryone(
    env: Record<string, string>,
    simOptions: TinkSimulatorOptions,
  ): Promise<{ stats: SyncRunStats; linked: LinkedUser[] }> {
    kit = await startBankingKit(env, { chaosSeed: 7, ...simOptions });
    const linked = await linkEveryone(kit);
    kit.sim.control.resetCounters();
    const run = await kit.runJob('manual');
    return { stats: run.details as unknown as SyncRunStats, linked };
  }

  it('syncs every connection when 5 % of data responses arrive cut off', async () => {
    const { stats } = await syncEveryone(
      {},
      { chaos: { truncatedBodies: { rate: 0.05, routes: DATA_ROUTES } } },
    );
    expect(kit?.sim.control.counters().chaos.truncatedBodies).toBeGreaterThan(0);
    expect(stats).toMatchObject({ successful: CONNECTIONS, failed: 0 });
    expect(stats.transactions.inserted).toBe(CONNECTIONS * 2 * 121);
  }, 60_000);

  it('syncs every connection when 20 % of non-GET calls are answered 503', async () => {
    const { stats } = await syncEveryone({}, { chaos: { nonGetServerErrors: { rate: 0.2 } } });
    expect(stats).toMatchObject({ successful: CONNECTIONS, failed: 0 });
    const counters = kit?.sim.control.counters();
    expect(counters?.chaos.nonGetServerErrors).toBeGreaterThan(0);
    expect(counters?.byRoute['credentials.refresh']).toBeGreaterThan(CONNECTIONS);
    expect(stats.transactions.inserted).toBe(CONNECTIONS * 2 * 121);
  }, 60_000);

  it('adapts to a provider that allows 5 requests/s and answers bare 429s', async () => {
    const { stats } = await syncEveryone(
      // finsync's default budget (20/s), four times what the provider takes.
      { TINK_REQUESTS_PER_SECOND: '20', TINK_REFRESH_POLL_MS: '500' },
      { rateLimit: { requestsPerSecond: 5 }, chaos: { bareRateLimit: true } },
    );
    const counters = kit?.sim.control.counters();
    expect(stats).toMatchObject({ successful: CONNECTIONS, failed: 0 });
    expect(counters?.rateLimited).toBeGreaterThan(0);
    expect((counters?.rateLimited ?? 0) / (counters?.requests ?? 1)).toBeLessThanOrEqual(0.05);
    expect(counters?.peakRequestsPerSecond).toBeLessThanOrEqual(5);
  }, 180_000);
});
