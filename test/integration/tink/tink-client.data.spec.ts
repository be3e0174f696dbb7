import {
  MalformedResponseError,
  NodeHttpTransport,
  RateLimitedHttpError,
  RequestTimeoutError,
  ServerError,
} from '../../../src/infra/http-client';
import {
  TinkClientAuthError,
  TinkSessionExpiredError,
  TinkUserNotFoundError,
} from '../../../src/banking/providers/tink/errors';
import { createTinkHttpClient } from '../../../src/banking/providers/tink/client/tink-http-client.factory';
import {
  TinkClient,
  TinkClientSettings,
  TinkTransactionPage,
} from '../../../src/banking/providers/tink/tink.client';
import {
  mapTinkAccount,
  mapTinkTransaction,
} from '../../../src/banking/providers/tink/tink.mapper';
import { toTinkAmount, type SimUser, type TinkSimulator } from '../../simulators/tink';
import { FAST_RETRY, useSimulator } from '../../simulators/tink/tink-simulator.testing';

const SINCE = '2025-12-01';

interface Fixture {
  user: SimUser;
  accountIds: string[];
  expectedAmounts: Map<string, string>;
}

/** A user with two accounts and 60 dated rows of known decimals (some with negative scale). */
function seedUser(sim: TinkSimulator): Fixture {
  const user = sim.data.addUser();
  const credential = sim.data.addCredential(user.id);
  const expectedAmounts = new Map<string, string>();
  const accountIds: string[] = [];
  for (const [index, currencyCode] of ['GBP', 'EUR'].entries()) {
    const account = sim.data.addAccount(credential.id, {
      name: `Account ${index}`,
      iban: `GB00DEMO${index}`,
      currencyCode,
      bookedBalance: toTinkAmount('1234.5', 3),
    });
    accountIds.push(account.id);
    for (let day = 0; day < 30; day += 1) {
      const bookedDate = `2026-01-${String(day + 1).padStart(2, '0')}`;
      const [decimal, scale, expected] =
        day % 3 === 0
          ? [`-${day + 1}0`, -1, `-${day + 1}0.0000`]
          : [`-${day}.25`, 2, `-${day}.2500`];
      const tx = sim.data.addTransaction(account.id, {
        bookedDate,
        amount: toTinkAmount(decimal, scale),
      });
      expectedAmounts.set(tx.id, expected);
    }
  }
  return { user, accountIds, expectedAmounts };
}

describe('TinkClient against the simulator: data', () => {
  const sim = useSimulator();
  const transport = new NodeHttpTransport();
  let clientNow = Date.now();

  function makeClient(settings: Partial<TinkClientSettings> = {}, timeoutMs = 1_000): TinkClient {
    const http = createTinkHttpClient({
      baseUrl: sim().url,
      transport,
      timeoutMs,
      retry: FAST_RETRY,
    });
    return new TinkClient(
      http,
      { clientId: sim().clientId, clientSecret: sim().clientSecret, pageSize: 25, ...settings },
      { now: () => clientNow },
    );
  }

  async function collect(
    pages: AsyncIterable<TinkTransactionPage>,
  ): Promise<TinkTransactionPage[]> {
    const result: TinkTransactionPage[] = [];
    for await (const page of pages) result.push(page);
    return result;
  }

  let fixture: Fixture;
  beforeEach(() => {
    clientNow = Date.now();
    fixture = seedUser(sim());
    sim().control.reset();
  });
  afterAll(() => transport.close());

  it('lists and maps accounts', async () => {
    const accounts = await makeClient().listAccounts({ userId: fixture.user.id });
    const mapped = accounts.map((a) => mapTinkAccount(a));
    expect(mapped).toHaveLength(2);
    expect(mapped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          externalId: fixture.accountIds[0],
          currency: 'GBP',
          balance: '1234.5000',
          iban: 'GB00DEMO0',
        }),
        expect.objectContaining({
          externalId: fixture.accountIds[1],
          currency: 'EUR',
          type: 'checking',
        }),
      ]),
    );
  });

  it('iterates transactions page by page until the token is empty, amounts exact', async () => {
    const pages = await collect(
      makeClient().transactionPages({ userId: fixture.user.id }, { bookedDateGte: SINCE }),
    );
    expect(pages.map((p) => [p.pageNumber, p.transactions.length, p.isLast])).toEqual([
      [1, 25, false],
      [2, 25, false],
      [3, 10, true],
    ]);
    const mapped = pages.flatMap((p) => p.transactions.map((t) => mapTinkTransaction(t)));
    expect(new Set(mapped.map((t) => t.providerTxKey)).size).toBe(60);
    for (const tx of mapped) expect(tx.amount).toBe(fixture.expectedAmounts.get(tx.providerTxKey));
    expect(mapped.filter((t) => t.currency === 'EUR')).toHaveLength(30);
  });

  it('passes the date range and account filter through', async () => {
    const pages = await collect(
      makeClient().transactionPages(
        { externalUserId: fixture.user.externalUserId },
        {
          bookedDateGte: '2026-01-10',
          bookedDateLte: '2026-01-19',
          accountIds: [fixture.accountIds[1]],
        },
      ),
    );
    const rows = pages.flatMap((p) => p.transactions);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.accountId === fixture.accountIds[1])).toBe(true);
  });

  it('stops fetching when the consumer stops iterating', async () => {
    for await (const page of makeClient().transactionPages(
      { userId: fixture.user.id },
      { bookedDateGte: SINCE },
    )) {
      expect(page.pageNumber).toBe(1);
      break;
    }
    expect(sim().control.counters().byRoute['transactions.list']).toBe(1);
  });

  it('caches tokens: one client token and one user token for many calls', async () => {
    const client = makeClient();
    await client.listAccounts({ userId: fixture.user.id });
    await collect(client.transactionPages({ userId: fixture.user.id }, { bookedDateGte: SINCE }));
    await client.listCredentials({ userId: fixture.user.id });
    expect(sim().control.counters()).toMatchObject({ clientTokensIssued: 1, userTokensIssued: 1 });
  });

  it('renews a token the server says has expired, even in the middle of pagination', async () => {
    const client = makeClient();
    const seen: number[] = [];
    for await (const page of client.transactionPages(
      { userId: fixture.user.id },
      { bookedDateGte: SINCE },
    )) {
      seen.push(page.transactions.length);
      // Both the user token (2 h) and the client token (30 min) expire server-side.
      if (page.pageNumber === 1) sim().control.advanceClock(7_201_000);
    }
    expect(seen).toEqual([25, 25, 10]);
    const counters = sim().control.counters();
    expect(counters).toMatchObject({ userTokensIssued: 2, clientTokensIssued: 2 });
    expect(counters.byStatus['401']).toBe(2);
  });

  it('renews ahead of expiry on its own clock, without a 401', async () => {
    const client = makeClient({ tokenRenewalMarginMs: 60_000 });
    await client.listAccounts({ userId: fixture.user.id });
    clientNow += 7_200_000 - 30_000; // inside the renewal margin
    await client.listAccounts({ userId: fixture.user.id });
    const counters = sim().control.counters();
    expect(counters.userTokensIssued).toBe(2);
    expect(counters.byStatus['401']).toBeUndefined();
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    sim().control.injectFault({ route: 'transactions.list', kind: 'rate_limit', retryAfter: '1' });
    const startedAt = Date.now();
    const pages = await collect(
      makeClient().transactionPages({ userId: fixture.user.id }, { bookedDateGte: SINCE }),
    );
    expect(pages).toHaveLength(3);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(sim().control.counters().rateLimited).toBe(1);
  });

  it('surfaces rate_limited when Retry-After is beyond what it will wait', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'rate_limit', retryAfter: '600' });
    const error = await makeClient()
      .listAccounts({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedHttpError);
    expect(error).toMatchObject({ classification: 'rate_limited', retryAfterMs: 600_000 });
  });

  it('retries 5xx and TEMPORARY_ERROR, and gives up with a retryable error', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'status', status: 502 });
    sim().control.injectFault({ route: 'accounts.list', kind: 'temporary_error' });
    await expect(makeClient().listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
    sim().control.injectFault({ route: 'accounts.list', kind: 'status', status: 500, times: null });
    const error = await makeClient()
      .listAccounts({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      classification: 'retryable',
      context: { attempts: 4, operation: 'tink.list-accounts' },
    });
  });

  it('retries a dropped connection', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'drop_connection' });
    await expect(makeClient().listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
  });

  it('times out a body that comes long after its headers, and retries it', async () => {
    sim().control.setChaos({ slowBodies: { rate: 1, delayMs: 60_000, routes: ['accounts.list'] } });
    const error = await makeClient({}, 150)
      .listAccounts({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ context: { attempts: 4 } });
    expect(sim().control.counters().chaos.slowBodies).toBe(4);

    sim().control.setChaos({ slowBodies: { rate: 0.5, delayMs: 60_000 } });
    const client = makeClient({}, 150);
    for (let i = 0; i < 4; i += 1) {
      await expect(client.listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
    }
    expect(sim().control.counters().chaos.slowBodies).toBeGreaterThan(4);
  });

  it('retries connections reset after the provider acted', async () => {
    sim().control.setChaos({ connectionResets: { rate: 0.5 } });
    const client = makeClient();
    for (let i = 0; i < 3; i += 1) {
      await expect(client.listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
    }
    expect(sim().control.counters().chaos.connectionResets).toBeGreaterThan(0);
  });

  it('mints a fresh code when the answer to a code exchange is lost (a code works once)', async () => {
    const client = makeClient();
    await client.tokens.getClientToken();
    sim().control.injectFault({
      route: 'oauth.token',
      kind: 'status',
      status: 502,
      afterHandler: true,
    });
    await expect(client.listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
    expect(sim().control.counters().byRoute).toMatchObject({
      'oauth.authorization-grant': 2,
      'oauth.token': 3,
    });
  });

  it('times out a hanging request, retries it, and classifies a persistent hang', async () => {
    sim().control.injectFault({ route: 'accounts.list', kind: 'hang' });
    await expect(
      makeClient({}, 200).listAccounts({ userId: fixture.user.id }),
    ).resolves.toHaveLength(2);
    sim().control.injectFault({ route: 'credentials.list', kind: 'hang', times: null });
    const error = await makeClient({}, 100)
      .listCredentials({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ classification: 'retryable', code: 'timeout' });
  });

  it('retries a page whose body arrives cut off or of the wrong shape, then reads on', async () => {
    sim().control.injectFault({ route: 'transactions.list', kind: 'malformed_json' });
    sim().control.injectFault({ route: 'accounts.list', kind: 'invalid_shape' });
    const client = makeClient();
    const pages = await collect(
      client.transactionPages({ userId: fixture.user.id }, { bookedDateGte: SINCE }),
    );
    expect(pages.flatMap((p) => p.transactions)).toHaveLength(60);
    await expect(client.listAccounts({ userId: fixture.user.id })).resolves.toHaveLength(2);
    expect(sim().control.counters().faultsApplied).toBe(2);
  });

  it('turns bodies that stay malformed into malformed_response with the reason', async () => {
    sim().control.injectFault({ route: 'transactions.list', kind: 'malformed_json', times: null });
    const pages = makeClient().transactionPages(
      { userId: fixture.user.id },
      { bookedDateGte: SINCE },
    );
    const malformed = await collect(pages).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(MalformedResponseError);
    expect(malformed).toMatchObject({
      code: 'malformed_response',
      classification: 'retryable',
      context: { attempts: 4 },
    });

    sim().control.clearFaults();
    sim().control.injectFault({ route: 'accounts.list', kind: 'invalid_shape', times: null });
    const shape = await makeClient()
      .listAccounts({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(shape).toBeInstanceOf(MalformedResponseError);
    expect(String(shape)).toContain('response.accounts: expected an array');
  });

  it('reports an expired session as needs_reauth without renewing tokens', async () => {
    const client = makeClient();
    await client.listAccounts({ userId: fixture.user.id });
    const credentialId = sim().data.credentialsOf(fixture.user.id)[0].id;
    sim().control.injectFault({ credentialId, kind: 'session_expired', times: null });
    const error = await collect(
      client.transactionPages({ userId: fixture.user.id }, { bookedDateGte: SINCE }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TinkSessionExpiredError);
    expect(error).toMatchObject({
      classification: 'needs_reauth',
      code: 'session_expired',
      status: 401,
    });
    expect(sim().control.counters().userTokensIssued).toBe(1);
    sim().control.clearFaults();
    sim().control.injectFault({ credentialId, kind: 'authentication_error' });
    await expect(client.listAccounts({ userId: fixture.user.id })).rejects.toMatchObject({
      classification: 'needs_reauth',
      code: 'session_expired',
    });
  });

  it('reports a deleted Tink user as needs_reauth', async () => {
    const error = await makeClient()
      .listAccounts({ userId: 'gone' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TinkUserNotFoundError);
    expect(error).toMatchObject({ classification: 'needs_reauth' });
  });

  it('reports wrong app credentials as terminal, without leaking them', async () => {
    const error = await makeClient({ clientSecret: 'very-secret-value' })
      .listAccounts({ userId: fixture.user.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TinkClientAuthError);
    expect(error).toMatchObject({ classification: 'terminal', status: 401 });
    expect(JSON.stringify([String(error), (error as TinkClientAuthError).context])).not.toContain(
      'very-secret-value',
    );
  });
});
