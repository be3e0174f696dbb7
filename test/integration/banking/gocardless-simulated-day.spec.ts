import { Clock } from '../../../src/core/scheduling/clock';
import { GoCardlessKit, GoCardlessLinked, startGoCardlessKit } from '../../kits/gocardless-kit';

const HOUR = 3_600_000;
const USERS = 10;
const ACCOUNTS_PER_USER = 5;

/**
 * Hour and user (index) of each of the day's 20 manual refreshes: user 0 asks five times, more than
 * its accounts' budget allows; the others now and then.
 */
const REFRESHES: readonly (readonly [hour: number, user: number])[] = [
  [1, 0],
  [2, 1],
  [3, 0],
  [4, 2],
  [5, 0],
  [6, 3],
  [7, 0],
  [8, 4],
  [9, 0],
  [10, 5],
  [11, 6],
  [12, 7],
  [13, 8],
  [14, 9],
  [15, 1],
  [16, 2],
  [18, 3],
  [20, 4],
  [22, 5],
  [23, 6],
];

describe('a simulated GoCardless day: 50 accounts, the default schedule and 20 manual refreshes', () => {
  let kit: GoCardlessKit;
  let linked: GoCardlessLinked[];

  beforeAll(async () => {
    // The day is about the per-account budgets; GoCardless' per-minute API limit is another matter
    // (finsync waits out its 429s), so it is lifted here to keep the simulated hours instant.
    kit = await startGoCardlessKit(
      {},
      { apiLimits: { accounts: { limit: 100_000, periodSeconds: 60 } } },
    );
    // finsync's clock is the simulator's: both windows roll over the same 24 simulated hours.
    jest.spyOn(kit.app.get(Clock), 'now').mockImplementation(() => new Date(kit.sim.now()));
    linked = [];
    for (let i = 0; i < USERS; i += 1) {
      linked.push(
        await kit.linkUser({
          accounts: Array.from({ length: ACCOUNTS_PER_USER }, () => ({ booked: 3 })),
        }),
      );
    }
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('never gets a per-account 429, reads each account as often as its budget allows, and shows the budgets', async () => {
    const answers = new Map<number, number[]>();
    for (let hour = 1; hour <= 24; hour += 1) {
      kit.sim.advanceClock(HOUR);
      for (const [at, userIndex] of REFRESHES.filter(([h]) => h === hour)) {
        const { user } = linked[userIndex];
        const res = await kit.http
          .post('/api/v1/banking/gocardless/refresh-data')
          .set('Authorization', kit.bearer(user))
          .send({});
        answers.set(userIndex, [...(answers.get(userIndex) ?? []), res.status]);
        if (res.status === 409) {
          // Refused before any call, with the moment the budget frees up.
          expect(Date.parse(res.body.retry_at)).toBeGreaterThan(kit.sim.now());
        } else {
          expect(res.status).toBe(200);
          expect(res.body.successful).toBe(1);
        }
        expect(at).toBe(hour);
      }
    }
    kit.sim.advanceClock(60_000);
    // The default schedule: every connection's daily sync falls now.
    for (const { connection } of linked) {
      const { run } = await kit.runSync(connection.id);
      expect(run.details).toMatchObject({ outcome: 'synced', accounts: ACCOUNTS_PER_USER });
    }

    const counters = kit.sim.counters();
    expect(counters.rateLimited.accountSuccess).toBe(0);
    expect(counters.rateLimited.bank).toBe(0);
    expect(counters.rateLimited.total).toBe(0);

    // User 0 got as many refreshes as its budget allowed (4 a day: the first sync, two by hand,
    // one kept for the scheduled sync), and was told 409 for the rest.
    expect(answers.get(0)).toEqual([200, 200, 409, 409, 409]);
    for (const [index, { seeded }] of linked.entries()) {
      const manual = (answers.get(index) ?? []).filter((status) => status === 200).length;
      for (const account of seeded.accounts) {
        expect(counters.accountSuccesses[account.id]?.transactions).toBe(1 + manual + 1);
      }
    }

    const res = await kit.http
      .get('/api/v1/banking/connections')
      .set('Authorization', kit.bearer(linked[0].user))
      .expect(200);
    const budgets: { scope: string; remaining: number; limit: number }[] =
      res.body.items[0].budgets;
    const transactions = budgets.filter((b) => b.scope === 'transactions');
    expect(transactions).toHaveLength(ACCOUNTS_PER_USER);
    expect(transactions.every((b) => b.limit === 4 && b.remaining === 1)).toBe(true);
  });
});
