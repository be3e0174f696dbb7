import { STRICT_INSTITUTION_ID } from '../../simulators/gocardless';
import {
  accessToken,
  call,
  useGoCardlessSimulator,
} from '../../simulators/gocardless/gocardless-simulator.testing';

interface Tx {
  transactionId?: string;
  internalTransactionId?: string;
  bookingDate?: string;
  valueDate?: string;
  transactionAmount: { amount: string; currency: string };
}
interface TxBody {
  transactions: { booked: Tx[]; pending: Tx[] };
}

const daysAgo = (days: number): string =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('GoCardless simulator: account data', () => {
  const sim = useGoCardlessSimulator({ accountSuccessLimit: 100 });

  it('serves metadata, details and several balance types with string amounts', async () => {
    const token = await accessToken(sim());
    const { accounts } = sim().seedRequisition({
      accounts: [{ balance: '657.49', currency: 'PLN' }],
    });
    const id = accounts[0].id;
    const metadata = await call(sim(), 'GET', `/api/v2/accounts/${id}/`, { token });
    expect(metadata.body).toMatchObject({
      id,
      iban: accounts[0].iban,
      status: 'READY',
      institution_id: 'SANDBOXFINANCE_SFIN0000',
    });
    const details = await call(sim(), 'GET', `/api/v2/accounts/${id}/details/`, { token });
    expect(details.body).toMatchObject({ account: { iban: accounts[0].iban, currency: 'PLN' } });
    const balances = await call(sim(), 'GET', `/api/v2/accounts/${id}/balances/`, { token });
    const list = (balances.body as { balances: { balanceType: string; balanceAmount: unknown }[] })
      .balances;
    expect(list.map((balance) => balance.balanceType)).toEqual(
      expect.arrayContaining(['interimAvailable', 'closingBooked', 'expected']),
    );
    expect(list[0].balanceAmount).toEqual({ amount: '657.49', currency: 'PLN' });
    const unknown = await call(
      sim(),
      'GET',
      '/api/v2/accounts/00000000-0000-4000-8000-000000000000/',
      {
        token,
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('returns booked and pending rows; pending rows carry no ids, some no date', async () => {
    const token = await accessToken(sim());
    const { accounts } = sim().seedRequisition({
      accounts: [{ booked: 5, pending: 2, datelessPending: 1 }],
    });
    const response = await call(sim(), 'GET', `/api/v2/accounts/${accounts[0].id}/transactions/`, {
      token,
    });
    const { booked, pending } = (response.body as TxBody).transactions;
    expect(booked).toHaveLength(5);
    for (const row of booked) {
      expect(row.transactionAmount.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(row.internalTransactionId).toMatch(/^[0-9a-f]{32}$/);
      expect(row.transactionId).toEqual(expect.any(String));
    }
    expect(pending).toHaveLength(3);
    for (const row of pending) {
      expect(row.transactionId).toBeUndefined();
      expect(row.internalTransactionId).toBeUndefined();
    }
    expect(pending.filter((row) => row.valueDate === undefined)).toHaveLength(1);
  });

  it('filters by date_from/date_to and clips date_from to the agreement', async () => {
    const token = await accessToken(sim());
    const { accounts } = sim().seedRequisition({
      maxHistoricalDays: 30,
      accounts: [{ booked: 60, historyDays: 60 }],
    });
    const path = `/api/v2/accounts/${accounts[0].id}/transactions/`;
    const all = (await call(sim(), 'GET', path, { token })).body as TxBody;
    const dates = all.transactions.booked.map((row) => row.bookingDate ?? '');
    expect(dates.every((date) => date >= daysAgo(30))).toBe(true);
    const windowed = (
      await call(sim(), 'GET', `${path}?date_from=${daysAgo(10)}&date_to=${daysAgo(5)}`, { token })
    ).body as TxBody;
    expect(windowed.transactions.booked.length).toBeGreaterThan(0);
    for (const row of windowed.transactions.booked) {
      expect(row.bookingDate! >= daysAgo(10) && row.bookingDate! <= daysAgo(5)).toBe(true);
    }
  });

  it("answers a date_from older than the bank's history with a DateRangeError 400", async () => {
    const token = await accessToken(sim());
    const { accounts } = sim().seedRequisition({ institutionId: STRICT_INSTITUTION_ID });
    const path = `/api/v2/accounts/${accounts[0].id}/transactions/`;
    const tooOld = await call(sim(), 'GET', `${path}?date_from=${daysAgo(200)}`, { token });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body).toMatchObject({ status_code: 400, type: 'DateRangeError' });
    const inverted = await call(
      sim(),
      'GET',
      `${path}?date_from=${daysAgo(1)}&date_to=${daysAgo(5)}`,
      {
        token,
      },
    );
    expect(inverted.status).toBe(400);
    const malformed = await call(sim(), 'GET', `${path}?date_from=yesterday`, { token });
    expect(malformed.status).toBe(400);
  });

  it('keeps transactionId stable, changes it on booking, or on every fetch, per account', async () => {
    const token = await accessToken(sim());
    const { accounts } = sim().seedRequisition({
      accounts: [
        { booked: 2, pending: 1, pendingWithIds: true, transactionIdMode: 'on-booking' },
        { booked: 2, transactionIdMode: 'every-fetch' },
      ],
    });
    const [onBooking, everyFetch] = accounts;
    const pendingId = accounts[0].pending[0].transactionId;
    expect(pendingId).toEqual(expect.any(String));
    const booked = sim().bookPending(onBooking.pending[0].key);
    expect(booked.transactionId).not.toBe(pendingId);
    expect(booked.internalTransactionId).toMatch(/^[0-9a-f]{32}$/);
    const afterBooking = (
      await call(sim(), 'GET', `/api/v2/accounts/${onBooking.id}/transactions/`, { token })
    ).body as TxBody;
    expect(afterBooking.transactions.pending).toHaveLength(0);
    expect(afterBooking.transactions.booked.map((row) => row.transactionId)).toContain(
      booked.transactionId,
    );

    const fetchIds = async (): Promise<{ ids: string[]; internal: string[] }> => {
      const body = (
        await call(sim(), 'GET', `/api/v2/accounts/${everyFetch.id}/transactions/`, { token })
      ).body as TxBody;
      return {
        ids: body.transactions.booked.map((row) => row.transactionId ?? ''),
        internal: body.transactions.booked.map((row) => row.internalTransactionId ?? ''),
      };
    };
    const first = await fetchIds();
    const second = await fetchIds();
    expect(second.ids).not.toEqual(first.ids);
    expect(second.internal).toEqual(first.internal);
  });

  it('lets two accounts share internalTransactionIds (unique per account only)', async () => {
    const { accounts } = sim().seedRequisition({ accounts: [{ booked: 3 }] });
    const twin = sim().seedRequisition({
      accounts: [{ booked: 3, internalIdsFrom: accounts[0].id }],
    }).accounts[0];
    expect(twin.booked.map((row) => row.internalTransactionId)).toEqual(
      accounts[0].booked.map((row) => row.internalTransactionId),
    );
  });

  it('generates 1,000 accounts cheaply for the bench', () => {
    const started = Date.now();
    const { accountIds, requisitionIds } = sim().seedBulk({
      accounts: 1_000,
      bookedPerAccount: 30,
      accountsPerRequisition: 2,
    });
    expect(accountIds).toHaveLength(1_000);
    expect(new Set(accountIds).size).toBe(1_000);
    expect(requisitionIds).toHaveLength(500);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
