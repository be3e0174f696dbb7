import { DataSource } from 'typeorm';
import { BankAccountsService } from '../../../src/banking/accounts/bank-accounts.service';
import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import type { ProviderTransaction } from '../../../src/banking/sync/bank-sync.types';
import { TransactionIngestService } from '../../../src/banking/sync/transaction-ingest.service';
import { UserEntity } from '../../../src/users/user.entity';
import { startTestApp, type TestApp } from '../../utils/test-app';

function transaction(
  key: string,
  overrides: Partial<ProviderTransaction> = {},
): ProviderTransaction {
  return {
    providerTxKey: key,
    providerReference: `bank-${key}`,
    status: 'booked',
    bookingDate: '2026-01-15',
    valueDate: '2026-01-15',
    amount: '-123456789012.3456',
    currency: 'EUR',
    description: `row ${key}`,
    originalDescription: null,
    counterparty: 'ACME',
    categoryId: null,
    category: null,
    raw: { id: key, nested: { amount: { scale: '4' } } },
    ...overrides,
  };
}

describe('TransactionIngestService', () => {
  let app: TestApp;
  let ingest: TransactionIngestService;
  let dataSource: DataSource;
  let accountIds: number[];

  beforeAll(async () => {
    app = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    ingest = app.app.get(TransactionIngestService);
    dataSource = app.app.get(DataSource);
    const user = await dataSource
      .getRepository(UserEntity)
      .save({ email: 'ingest@example.com', displayName: 'Ingest', subscriptionPlan: 'premium' });
    const connection = await app.app.get(BankConnectionsService).create({
      userId: user.id,
      provider: 'tink',
      providerUserId: 'u-1',
      externalId: 'cred-1',
    });
    const { accounts } = await app.app.get(BankAccountsService).upsertFromProvider(
      connection.id,
      ['a', 'b', 'c'].map((externalId) => ({
        externalId,
        name: externalId,
        iban: null,
        type: 'checking' as const,
        currency: 'EUR',
        balance: null,
        balanceAt: null,
      })),
    );
    accountIds = accounts.map((account) => account.id);
  });

  afterAll(async () => {
    await app?.close();
  });

  const rowsOf = (accountId: number) =>
    dataSource.query(
      'SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM transactions WHERE account_id = ?',
      [accountId],
    );

  it('writes large batches in one go and nothing at all when they come again unchanged', async () => {
    const rows = Array.from({ length: 1_234 }, (_, i) => transaction(`big-${i}`));
    const input = {
      accountId: accountIds[0],
      since: '2026-01-01',
      transactions: rows,
      rejected: [],
    };
    expect(await ingest.ingestAccount(input)).toEqual({
      inserted: 1_234,
      updated: 0,
      removed: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = await rowsOf(accountIds[0]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ingest.ingestAccount(input)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1_234,
    });
    expect(await rowsOf(accountIds[0])).toEqual(before);
    const [stored] = await dataSource.query(
      'SELECT amount, raw FROM transactions WHERE provider_tx_key = ?',
      ['big-7'],
    );
    expect(String(stored.amount)).toMatch(/^-123456789012\.345[6-7]/);
    const raw = typeof stored.raw === 'string' ? JSON.parse(stored.raw) : stored.raw;
    expect(raw).toEqual({ id: 'big-7', nested: { amount: { scale: '4' } } });
  });

  it('keeps concurrent accounts apart (each in its own transaction)', async () => {
    const batch = (accountId: number, prefix: string) =>
      ingest.ingestAccount({
        accountId,
        since: '2026-01-01',
        transactions: Array.from({ length: 300 }, (_, i) => transaction(`${prefix}-${i}`)),
        rejected: [],
      });
    const results = await Promise.all([
      batch(accountIds[1], 'x'),
      batch(accountIds[2], 'y'),
      batch(accountIds[1], 'z'),
    ]);
    expect(results.map((r) => r.inserted)).toEqual([300, 300, 300]);
    expect(Number((await rowsOf(accountIds[1]))[0].n)).toBe(600);
    expect(Number((await rowsOf(accountIds[2]))[0].n)).toBe(300);
  });

  it('updates a row sent from before the window instead of adding it again', async () => {
    const accountId = accountIds[2];
    const early = transaction('early', { bookingDate: '2025-06-01', status: 'pending' });
    await ingest.ingestAccount({
      accountId,
      since: '2025-01-01',
      transactions: [early],
      rejected: [],
    });
    const booked = { ...early, status: 'booked' as const };
    expect(
      await ingest.ingestAccount({
        accountId,
        since: '2026-01-01',
        transactions: [booked],
        rejected: [],
      }),
    ).toMatchObject({ inserted: 0, updated: 1 });
  });

  it('never removes a stored pending row whose new version could not be mapped', async () => {
    const accountId = accountIds[2];
    const pending = transaction('odd', { status: 'pending', bookingDate: '2026-02-01' });
    await ingest.ingestAccount({
      accountId,
      since: '2026-01-20',
      transactions: [pending],
      rejected: [],
    });
    expect(
      await ingest.ingestAccount({
        accountId,
        since: '2026-01-20',
        transactions: [],
        rejected: [{ providerTxKey: 'odd', reason: 'unknown status' }],
      }),
    ).toMatchObject({ removed: 0, rejected: 1 });
    expect(
      await ingest.ingestAccount({
        accountId,
        since: '2026-01-20',
        transactions: [],
        rejected: [],
      }),
    ).toMatchObject({ removed: 1 });
  });
});
