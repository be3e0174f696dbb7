import type {
  HttpTransport,
  TransportRequest,
  TransportResponse,
} from '../../../infra/http-client';
import { createGoCardlessHttpClient } from './client/gocardless-http-client.factory';
import { GoCardlessTokenProvider } from './client/gocardless-token.provider';
import type { GoCardlessTokenPair, GoCardlessTokenStore } from './client/gocardless-token.vault';
import { GoCardlessClient } from './gocardless.client';

type Handler = (request: TransportRequest, body: Record<string, unknown>) => TransportResponse;

/** Answers each request from a script; unit-level only (integration tests use the simulator). */
class ScriptedTransport implements HttpTransport {
  readonly seen: { method: string; path: string; body: Record<string, unknown>; auth?: string }[] =
    [];
  constructor(private readonly handler: Handler) {}
  send(request: TransportRequest): Promise<TransportResponse> {
    const body = request.body
      ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>)
      : {};
    this.seen.push({
      method: request.method,
      path: request.url.pathname,
      body,
      auth: request.headers.authorization,
    });
    return Promise.resolve(this.handler(request, body));
  }
  close(): void {}
}

const json = (
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): TransportResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

class MemoryStore implements GoCardlessTokenStore {
  pair: GoCardlessTokenPair | null = null;
  load(): Promise<GoCardlessTokenPair | null> {
    return Promise.resolve(this.pair);
  }
  save(pair: GoCardlessTokenPair): Promise<void> {
    this.pair = pair;
    return Promise.resolve();
  }
}

let minted = 0;
const tokens = (): TransportResponse => {
  minted += 1;
  return json(200, {
    access: `access-${minted}`,
    access_expires: 86_400,
    refresh: `refresh-${minted}`,
    refresh_expires: 2_592_000,
  });
};

function clientWith(handler: Handler, store = new MemoryStore()) {
  const transport = new ScriptedTransport(handler);
  const http = createGoCardlessHttpClient({
    baseUrl: 'https://gc.test/api/v2',
    transport,
    retry: { backoff: { baseDelayMs: 1, maxDelayMs: 1 } },
  });
  const provider = new GoCardlessTokenProvider(http, { secretId: 'id', secretKey: 'key' }, store);
  return { client: new GoCardlessClient(http, provider), transport, store };
}

const institution = {
  id: 'STRICT',
  name: 'Strict',
  bic: null,
  transactionTotalDays: 730,
  maxAccessValidForDays: 180,
  countries: ['GB'],
  logo: null,
};

describe('GoCardlessClient', () => {
  beforeEach(() => {
    minted = 0;
  });

  it('asks for the bank’s own limits, then falls back to 90/90 on the too-many-days 400', async () => {
    const { client, transport } = clientWith((request, body) => {
      if (request.url.pathname.endsWith('/token/new/')) return tokens();
      if (body.max_historical_days === 730) {
        return json(400, {
          max_historical_days: {
            summary: 'Incorrect max_historical_days',
            detail: 'must be <= 90',
          },
          status_code: 400,
        });
      }
      return json(201, {
        id: 'eua-1',
        institution_id: 'STRICT',
        max_historical_days: body.max_historical_days,
        access_valid_for_days: body.access_valid_for_days,
        accepted: null,
      });
    });
    const agreement = await client.createAgreement(institution);
    expect(agreement.maxHistoricalDays).toBe(90);
    const asked = transport.seen.filter((s) => s.path.endsWith('/agreements/enduser/'));
    expect(asked.map((s) => [s.body.max_historical_days, s.body.access_valid_for_days])).toEqual([
      [730, 180],
      [90, 90],
    ]);
  });

  it('renews an "Invalid token" once (refresh token first) and retries the call with the new one', async () => {
    let refused = false;
    const { client, transport, store } = clientWith((request, body) => {
      if (request.url.pathname.endsWith('/token/new/')) return tokens();
      if (request.url.pathname.endsWith('/token/refresh/')) {
        return json(200, {
          access: `renewed-from-${String(body.refresh)}`,
          access_expires: 86_400,
        });
      }
      if (!refused) {
        refused = true;
        return json(401, {
          summary: 'Invalid token',
          detail: 'Token is invalid or expired',
          status_code: 401,
        });
      }
      return json(200, {
        id: 'req-1',
        status: 'LN',
        institution_id: 'X',
        link: 'l',
        accounts: ['a'],
      });
    });
    const requisition = await client.requisition('req-1');
    expect(requisition.accounts).toEqual(['a']);
    const calls = transport.seen.filter((s) => s.path.endsWith('/requisitions/req-1/'));
    expect(calls.map((c) => c.auth)).toEqual(['Bearer access-1', 'Bearer renewed-from-refresh-1']);
    expect(store.pair).toMatchObject({ access: 'renewed-from-refresh-1', refresh: 'refresh-1' });
    expect(transport.seen.filter((s) => s.path.endsWith('/token/new/'))).toHaveLength(1);
  });

  it('takes the token pair another instance stored instead of minting one', async () => {
    const store = new MemoryStore();
    store.pair = {
      access: 'shared',
      accessExpiresAt: Date.now() + 3_600_000,
      refresh: 'r',
      refreshExpiresAt: Date.now() + 86_400_000,
    };
    const { client, transport } = clientWith(
      () => json(200, [{ id: 'B', name: 'Bank', transaction_total_days: '90' }]),
      store,
    );
    await client.institutions('gb');
    expect(transport.seen.map((s) => s.path)).toEqual(['/api/v2/institutions/']);
    expect(transport.seen[0].auth).toBe('Bearer shared');
  });

  it('returns the rate-limit headers of account data answers and never resends a failed one', async () => {
    let calls = 0;
    const { client } = clientWith((request) => {
      if (request.url.pathname.endsWith('/token/new/')) return tokens();
      calls += 1;
      if (calls === 1) return json(500, { summary: 'x', type: 'UnknownRequestError' });
      return json(
        200,
        { transactions: { booked: [], pending: [] } },
        {
          http_x_ratelimit_account_success_remaining: '2',
          http_x_ratelimit_account_success_limit: '4',
        },
      );
    });
    await expect(client.accountTransactions('acc', { dateFrom: '2026-01-01' })).rejects.toThrow();
    expect(calls).toBe(1);
    const answer = await client.accountTransactions('acc', { dateFrom: '2026-01-01' });
    expect(answer.rate.accountSuccess).toEqual({ limit: 4, remaining: 2, resetSeconds: null });
  });
});
