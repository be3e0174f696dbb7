import {
  NodeHttpTransport,
  createInMemoryRequestRateLimiter,
} from '../../../src/infra/http-client';
import { createTinkHttpClient } from '../../../src/banking/providers/tink/client/tink-http-client.factory';
import { TinkClient } from '../../../src/banking/providers/tink/tink.client';
import type { SimUser } from '../../simulators/tink';
import { FAST_RETRY, useSimulator } from '../../simulators/tink/tink-simulator.testing';

const SIMULATOR_BUDGET = 20;

describe('TinkClient and the app-wide request budget', () => {
  // Each test is paced by the budget (a few seconds of wall-clock time by design).
  jest.setTimeout(15_000);

  const sim = useSimulator({ rateLimit: { requestsPerSecond: SIMULATOR_BUDGET } });
  const transport = new NodeHttpTransport({ maxSockets: 16 });
  let users: SimUser[] = [];

  beforeAll(() => {
    users = sim().seed({ users: 8, accountsPerUser: 1, transactionsPerAccount: 5, seed: 3 }).users;
  });
  beforeEach(async () => {
    // Let the previous test's requests leave the simulator's sliding window.
    sim().control.setRateLimit(SIMULATOR_BUDGET);
    sim().control.resetCounters();
  });
  afterAll(() => transport.close());

  const client = (requestsPerSecond?: number, retry = FAST_RETRY): TinkClient =>
    new TinkClient(
      createTinkHttpClient({ baseUrl: sim().url, transport, requestsPerSecond, retry }),
      {
        clientId: sim().clientId,
        clientSecret: sim().clientSecret,
      },
    );

  /** Per user: authorization grant + code exchange, accounts, transactions, credentials (5 calls); plus one client token. */
  async function syncEveryone(tink: TinkClient, who: SimUser[] = users): Promise<number> {
    const results = await Promise.all(
      who.map(async (user) => {
        const ref = { userId: user.id };
        const accounts = await tink.listAccounts(ref);
        let rows = 0;
        for await (const page of tink.transactionPages(ref, { bookedDateGte: '2000-01-01' })) {
          rows += page.transactions.length;
        }
        await tink.listCredentials(ref);
        return accounts.length + rows;
      }),
    );
    return results.reduce((sum, n) => sum + n, 0);
  }

  it('never gets a 429 when its own limit sits below the provider budget', async () => {
    const startedAt = Date.now();
    const fetched = await syncEveryone(client(SIMULATOR_BUDGET * 0.8));
    const elapsed = Date.now() - startedAt;
    const counters = sim().control.counters();
    expect(fetched).toBe(8 * 6);
    expect(counters.requests).toBe(41);
    expect(counters.rateLimited).toBe(0);
    expect(counters.peakRequestsPerSecond).toBeLessThanOrEqual(SIMULATOR_BUDGET);
    // 41 requests at 16/s cannot finish in under ~2.5 s: the limiter really queued them.
    expect(elapsed).toBeGreaterThanOrEqual(2_300);
  });

  it('without a limiter it hits the budget, then recovers by honouring Retry-After', async () => {
    const fetched = await syncEveryone(client(undefined, { ...FAST_RETRY, maxAttempts: 6 }));
    const counters = sim().control.counters();
    expect(fetched).toBe(8 * 6);
    expect(counters.rateLimited).toBeGreaterThan(0);
    expect(counters.peakRequestsPerSecond).toBeLessThanOrEqual(SIMULATOR_BUDGET);
  });

  it('shares one limiter (one budget) between clients built on it', async () => {
    const shared = createInMemoryRequestRateLimiter({ requestsPerSecond: 15, key: 'tink' });
    const make = (): TinkClient =>
      new TinkClient(
        createTinkHttpClient({
          baseUrl: sim().url,
          transport,
          rateLimiter: shared,
          retry: FAST_RETRY,
        }),
        {
          clientId: sim().clientId,
          clientSecret: sim().clientSecret,
        },
      );
    const [first, second] = [users.slice(0, 4), users.slice(4)];
    await Promise.all([syncEveryone(make(), first), syncEveryone(make(), second)]);
    const counters = sim().control.counters();
    expect(counters.rateLimited).toBe(0);
    expect(counters.peakRequestsPerSecond).toBeLessThan(SIMULATOR_BUDGET);
  });
});
