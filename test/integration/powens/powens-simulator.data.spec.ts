import { sqlDateTime } from '../../simulators/powens';
import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';

interface TxBody {
  id: number;
  value: number;
  coming: boolean;
  deleted: string | null;
  last_update: string;
  date: string;
}

interface TxList {
  transactions: TxBody[];
  total: number;
  first_date: string;
  last_date: string;
  result_min_date: string;
  result_max_date: string;
  _links: { self: { href: string }; next: { href: string } | null; prev: { href: string } | null };
}

describe('Powens simulator: accounts and transactions', () => {
  const sim = useSimulator({ now: () => Date.parse('2026-03-15T10:00:00Z') });

  /** A permanent user with one connection and one account. */
  async function userWithAccount(): Promise<{ token: string; accountId: number }> {
    const { userId, token } = await permanentUser(sim());
    const connection = sim().data.addConnection(userId);
    const account = sim().data.addAccount(connection.id, { balance: 1234.56 });
    return { token, accountId: account.id };
  }

  const transactions = async (token: string, query: string) => {
    const response = await call(sim(), 'GET', `/2.0/users/me/transactions?${query}`, { token });
    return { status: response.status, body: response.body as TxList };
  };

  it('answers accounts as {accounts, balances} with float balances', async () => {
    const { token } = await userWithAccount();
    const response = await call(sim(), 'GET', '/2.0/users/me/accounts', { token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accounts: [{ balance: 1234.56, currency: { id: 'EUR' }, type: 'checking' }],
      balances: { EUR: 1234.56 },
    });
    expect(response.text).toContain('"balance":1234.56');
  });

  it('answers 400 noAccount on accounts and transactions when the user has none', async () => {
    const { token } = await permanentUser(sim());
    for (const path of ['/2.0/users/me/accounts', '/2.0/users/me/transactions?limit=10']) {
      const response = await call(sim(), 'GET', path, { token });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        code: 'noAccount',
        description: expect.any(String),
        message: null,
        request_id: null,
      });
    }
  });

  it('pages with limit ≤ 1000 and offset, each row once, with total and _links', async () => {
    const { token, accountId } = await userWithAccount();
    sim().data.addTransactions(accountId, 25);
    const seen: number[] = [];
    for (let offset = 0; ; offset += 10) {
      const page = await transactions(token, `limit=10&offset=${offset}`);
      if (page.body.transactions.length === 0) break;
      expect(page.body.total).toBe(25);
      seen.push(...page.body.transactions.map((tx) => tx.id));
      expect(page.body._links.next === null).toBe(offset + 10 >= 25);
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await transactions(token, 'limit=1001')).status).toBe(400);
    expect((await transactions(token, 'limit=1000')).status).toBe(200);
    const missing = await transactions(token, '');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'missingParameter' });
  });

  it('filters by min_date/max_date, also given as YYYY-MM and YYYY', async () => {
    const { token, accountId } = await userWithAccount();
    for (const date of ['2025-12-31', '2026-01-15', '2026-02-01', '2026-02-28']) {
      sim().data.addTransaction(accountId, { date });
    }
    const feb = await transactions(token, 'limit=100&min_date=2026-02&max_date=2026-02');
    expect(feb.body.transactions.map((tx) => tx.date)).toEqual(['2026-02-28', '2026-02-01']);
    expect(feb.body).toMatchObject({
      result_min_date: '2026-02-01',
      result_max_date: '2026-02-28',
    });
    const year = await transactions(token, 'limit=100&min_date=2026');
    expect(year.body.transactions).toHaveLength(3);
    expect((await transactions(token, 'limit=100&min_date=02/2026')).status).toBe(400);
  });

  it('returns rows updated strictly after last_update', async () => {
    const { token, accountId } = await userWithAccount();
    const old = sim().data.addTransaction(accountId);
    const mark = sqlDateTime(sim().control.now());
    sim().control.advanceClock(1_000);
    const fresh = sim().data.addTransaction(accountId);
    const page = await transactions(token, `limit=100&last_update=${encodeURIComponent(mark)}`);
    expect(page.body.transactions.map((tx) => tx.id)).toEqual([fresh.id]);
    expect(page.body.transactions[0].last_update > mark).toBe(true);
    expect(old.lastUpdate).toBeLessThan(fresh.lastUpdate);
  });

  it('hides deleted rows unless all is set; deleted=true lists only them', async () => {
    const { token, accountId } = await userWithAccount();
    const [kept, removed] = sim().data.addTransactions(accountId, 2);
    sim().data.deleteTransaction(removed.id);
    const ids = async (query: string) =>
      (await transactions(token, `limit=100&${query}`)).body.transactions.map((tx) => tx.id);
    expect(await ids('')).toEqual([kept.id]);
    expect((await ids('all')).sort()).toEqual([kept.id, removed.id].sort());
    expect(await ids('deleted=true')).toEqual([removed.id]);
    const all = await transactions(token, 'limit=100&all=true');
    expect(all.body.transactions.find((tx) => tx.id === removed.id)?.deleted).toEqual(
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    );
  });

  it('books a pending row keeping its id, or deletes it and adds a booked replacement', async () => {
    const { token, accountId } = await userWithAccount();
    const sameId = sim().data.addTransaction(accountId, { coming: true, value: -12.3 });
    const replaced = sim().data.addTransaction(accountId, { coming: true, value: -45.6 });
    const mark = sqlDateTime(sim().control.now());
    sim().control.advanceClock(1_000);
    sim().data.book(sameId.id, 'same_id');
    const replacement = sim().data.book(replaced.id, 'replace');
    const changed = await transactions(
      token,
      `limit=100&all&last_update=${encodeURIComponent(mark)}`,
    );
    const byId = new Map(changed.body.transactions.map((tx) => [tx.id, tx]));
    expect(byId.get(sameId.id)).toMatchObject({ coming: false, deleted: null, value: -12.3 });
    expect(byId.get(replaced.id)?.deleted).not.toBeNull();
    expect(byId.get(replacement.id)).toMatchObject({ coming: false, value: -45.6 });
  });

  it('sends values as JSON floats, ids as integers, dates as sql-date-time', async () => {
    const { token, accountId } = await userWithAccount();
    sim().data.addTransaction(accountId, { value: -0.1 });
    const response = await call(sim(), 'GET', '/2.0/users/me/transactions?limit=10', { token });
    expect(response.text).toContain('"value":-0.1,');
    const [tx] = (response.body as TxList).transactions;
    expect(Number.isInteger(tx.id)).toBe(true);
    expect(tx.last_update).toBe(sqlDateTime(sim().control.now()));
  });

  it('narrows the list to one account', async () => {
    const { token, accountId } = await userWithAccount();
    const connectionId = sim().data.account(accountId)?.connectionId ?? 0;
    const second = sim().data.addAccount(connectionId);
    sim().data.addTransactions(accountId, 3);
    sim().data.addTransactions(second.id, 2);
    const response = await call(
      sim(),
      'GET',
      `/2.0/users/me/accounts/${second.id}/transactions?limit=100`,
      { token },
    );
    expect((response.body as TxList).transactions).toHaveLength(2);
  });
});
