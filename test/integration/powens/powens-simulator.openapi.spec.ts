import { createServer } from 'node:http';
import { CONNECTION_STATES } from '../../simulators/powens';
import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';
import { PowensOpenApi } from '../../simulators/powens/spec/powens-openapi';

/**
 * The simulator's answers against Powens' published OpenAPI (copied into the simulator's spec
 * folder), so that it cannot drift from the real API unnoticed.
 */
describe('Powens simulator: responses conform to the published OpenAPI', () => {
  const sim = useSimulator({ sync: { delayMs: 10 } });
  const spec = new PowensOpenApi();
  const credentials = () => ({ client_id: sim().clientId, client_secret: sim().clientSecret });

  /** Calls the simulator and checks the answer against the documented response. */
  async function conforms(
    method: string,
    template: string,
    concretePath: string,
    expectedStatus: number,
    init: { token?: string; json?: unknown } = {},
  ): Promise<unknown> {
    const response = await call(sim(), method, `/2.0${concretePath}`, init);
    expect(response.status).toBe(expectedStatus);
    expect(spec.checkResponse(method, template, expectedStatus, response.body)).toEqual([]);
    return response.body;
  }

  /** A user whose connection holds a pending, a booked and a deleted row. */
  async function populatedUser(): Promise<{ token: string; connectionId: number }> {
    const { userId, token } = await permanentUser(sim());
    const connection = sim().data.addConnection(userId);
    const account = sim().data.addAccount(connection.id);
    sim().data.addAccount(connection.id, { type: 'savings', currency: 'GBP' });
    sim().data.addTransactions(account.id, 3);
    sim().data.addTransaction(account.id, { coming: true, value: -9.99 });
    sim().data.deleteTransaction(sim().data.addTransaction(account.id).id);
    connection.lastUpdate = sim().control.now();
    return { token, connectionId: connection.id };
  }

  it('rejects what the schemas forbid (the check has teeth)', () => {
    const ref = 'connections.yml#/components/schemas/Connection';
    expect(spec.check(ref, { id: 1 })).not.toEqual([]);
    expect(
      spec.check(ref, { id: 1, id_connector: 59, created: '2026-01-01T00:00:00Z', active: true }),
    ).not.toEqual([]);
    expect(
      spec.check(ref, {
        id: 1,
        id_connector: 59,
        created: '2026-01-01 00:00:00',
        active: true,
        state: 'notAState',
      }),
    ).not.toEqual([]);
    const tx = 'bank-transactions.yml#/components/schemas/Transaction';
    expect(spec.check(tx, { id: 1, value: '12.30' })).not.toEqual([]);
  });

  it('auth: /auth/init (permanent and temporary), /auth/token/code, /auth/token/access, /auth/renew', async () => {
    const permanent = (await conforms('POST', '/auth/init', '/auth/init', 200, {
      json: credentials(),
    })) as { auth_token: string; id_user: number };
    await conforms('POST', '/auth/init', '/auth/init', 200);
    const token = permanent.auth_token;
    for (const type of ['requestAccess', 'singleAccess']) {
      await conforms('GET', '/auth/token/code', `/auth/token/code?type=${type}`, 200, { token });
    }
    const { code } = (await call(sim(), 'GET', '/2.0/auth/token/code', { token })).body as {
      code: string;
    };
    await conforms('POST', '/auth/token/access', '/auth/token/access', 200, {
      json: { ...credentials(), code },
    });
    await conforms('POST', '/auth/renew', '/auth/renew', 200, {
      json: {
        ...credentials(),
        grant_type: 'client_credentials',
        id_user: permanent.id_user,
        revoke_previous: true,
      },
    });
  });

  it('connections: list with every expand, and one connection in each state', async () => {
    const { token, connectionId } = await populatedUser();
    await conforms(
      'GET',
      '/users/me/connections',
      '/users/me/connections?expand=sources,accounts,all_accounts',
      200,
      { token },
    );
    const one = '/users/me/connections/{connectionId}';
    for (const state of [null, ...CONNECTION_STATES]) {
      sim().control.setConnectionState(connectionId, state);
      await conforms('GET', one, `/users/me/connections/${connectionId}?expand=sources`, 200, {
        token,
      });
    }
  });

  it('connections: a sync through POST (200), refused while one runs (400 ServiceError)', async () => {
    sim().control.configureSync({ delayMs: 300 });
    const { token, connectionId } = await populatedUser();
    const one = '/users/me/connections/{connectionId}';
    const concrete = `/users/me/connections/${connectionId}`;
    await conforms('POST', one, `${concrete}?background=true`, 200, { token });
    const refused = (await conforms('POST', one, concrete, 400, { token })) as { code: string };
    expect(refused.code).toBe('connectionLocked');
    await sim().control.awaitSyncs();
    // PUT …?psu_requested=false is documented outside this spec; its body is a Connection too.
    const put = await call(sim(), 'PUT', `/2.0${concrete}?psu_requested=false`, { token });
    expect(spec.check('connections.yml#/components/schemas/Connection', put.body)).toEqual([]);
  });

  it('accounts: list (with all), one account, and 400 noAccount', async () => {
    const { token } = await populatedUser();
    const list = (await conforms('GET', '/users/me/accounts', '/users/me/accounts?all', 200, {
      token,
    })) as { accounts: { id: number }[] };
    await conforms(
      'GET',
      '/users/me/accounts/{accountId}',
      `/users/me/accounts/${list.accounts[0].id}`,
      200,
      { token },
    );
    const empty = await permanentUser(sim());
    await conforms('GET', '/users/me/accounts', '/users/me/accounts', 400, {
      token: empty.token,
    });
    await conforms('GET', '/users/me/transactions', '/users/me/transactions?limit=10', 400, {
      token: empty.token,
    });
  });

  it('transactions: pending, booked and deleted rows, with and without filters', async () => {
    const { token } = await populatedUser();
    for (const query of ['limit=1000&all', 'limit=2&offset=2', 'limit=10&deleted=true']) {
      await conforms('GET', '/users/me/transactions', `/users/me/transactions?${query}`, 200, {
        token,
      });
    }
    const none = (await conforms(
      'GET',
      '/users/me/transactions',
      '/users/me/transactions?limit=10&min_date=2999',
      200,
      { token },
    )) as { transactions: unknown[] };
    expect(none.transactions).toEqual([]);
  });

  it('webhook: the CONNECTION_SYNCED connection is a Connection with BankAccounts and Transactions', async () => {
    const { userId, token } = await permanentUser(sim());
    const connection = sim().data.addConnection(userId);
    const account = sim().data.addAccount(connection.id);
    sim().data.addTransactions(account.id, 2);
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as { port: number };
    sim().control.setWebhook({ url: `http://127.0.0.1:${port}/hook`, secret: 's' });
    await call(sim(), 'PUT', `/2.0/users/me/connections/${connection.id}?psu_requested=false`, {
      token,
    });
    await sim().control.awaitSyncs();
    await sim().control.awaitWebhooks();
    sim().control.setWebhook(null);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0]) as {
      connection: { accounts: { transactions: unknown[] }[] };
    };
    expect(
      spec.check('connections.yml#/components/schemas/Connection', payload.connection),
    ).toEqual([]);
    for (const tx of payload.connection.accounts[0].transactions) {
      expect(spec.check('bank-transactions.yml#/components/schemas/Transaction', tx)).toEqual([]);
    }
  });
});
