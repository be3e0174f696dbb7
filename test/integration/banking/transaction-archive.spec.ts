import request from 'supertest';
import { DataSource } from 'typeorm';
import { BankAccountsService } from '../../../src/banking/accounts/bank-accounts.service';
import { ArchiveHorizonService } from '../../../src/banking/archive/archive-horizon.service';
import { ARCHIVE_TRANSACTIONS_TASK_KEY } from '../../../src/banking/archive/transaction-archive.tasks';
import { TransactionArchiver } from '../../../src/banking/archive/transaction-archiver.service';
import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import type { ProviderTransaction } from '../../../src/banking/sync/bank-sync.types';
import { addDays, isoDateOf } from '../../../src/banking/sync/iso-dates';
import { TransactionIngestService } from '../../../src/banking/sync/transaction-ingest.service';
import { Clock } from '../../../src/core/scheduling/clock';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { UserEntity } from '../../../src/users/user.entity';
import { startTestApp, type TestApp } from '../../utils/test-app';

const TODAY = isoDateOf(new Date());
/** Older than the default TRANSACTION_ARCHIVE_AFTER_DAYS (730). */
const OLD = addDays(TODAY, -1000);
const RECENT = addDays(TODAY, -10);
const POISON_KEY = 'b-old-1';

function transaction(key: string, bookingDate: string, status: 'booked' | 'pending' = 'booked') {
  return {
    providerTxKey: key,
    providerReference: `ref-${key}`,
    status,
    bookingDate,
    valueDate: bookingDate,
    amount: '-12.3400',
    currency: 'EUR',
    description: `row ${key}`,
    originalDescription: null,
    counterparty: null,
    categoryId: null,
    category: null,
    raw: { id: key },
  } satisfies ProviderTransaction;
}

interface Seeded {
  userId: number;
  accounts: number[];
  /** What each account was sent, by account index. */
  sent: ProviderTransaction[][];
}

describe('transaction archive', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let ingest: TransactionIngestService;
  let archiver: TransactionArchiver;
  let cutoff: string;
  let users = 0;

  beforeAll(async () => {
    app = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    dataSource = app.app.get(DataSource);
    ingest = app.app.get(TransactionIngestService);
    archiver = app.app.get(TransactionArchiver);
    cutoff = app.app.get(ArchiveHorizonService).cutoff();
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(async () => {
    await dataSource.query('DELETE FROM transactions');
    await dataSource.query('DELETE FROM transactions_archive');
  });

  /**
   * Account a: 7 old booked rows, 1 old pending, 2 recent. Account b: 5 old booked, 1 recent.
   * With batches of 5, batch 1 is a's first 5 rows and batch 2 is a's last 2 plus b's first 3
   * (b-old-0 … b-old-2, so POISON_KEY is in batch 2).
   */
  async function seed(): Promise<Seeded> {
    users += 1;
    const user = await dataSource.getRepository(UserEntity).save({
      email: `archive-${users}@example.com`,
      displayName: `Archive ${users}`,
      subscriptionPlan: 'premium',
    });
    const connection = await app.app.get(BankConnectionsService).create({
      userId: user.id,
      provider: 'tink',
      providerUserId: `u-${users}`,
      externalId: `cred-archive-${users}`,
    });
    const { accounts } = await app.app.get(BankAccountsService).upsertFromProvider(
      connection.id,
      ['a', 'b'].map((externalId) => ({
        externalId,
        name: externalId,
        iban: null,
        type: 'checking' as const,
        currency: 'EUR',
        balance: null,
        balanceAt: null,
      })),
    );
    const sent = [
      [
        ...Array.from({ length: 7 }, (_, i) => transaction(`a-old-${i}`, addDays(OLD, i))),
        transaction('a-old-pending', OLD, 'pending'),
        transaction('a-new-0', RECENT),
        transaction('a-new-1', TODAY),
      ],
      [
        ...Array.from({ length: 5 }, (_, i) => transaction(`b-old-${i}`, addDays(OLD, i))),
        transaction('b-new-0', RECENT),
      ],
    ];
    for (const [index, account] of accounts.entries()) {
      await ingest.ingestAccount({
        accountId: account.id,
        since: OLD,
        transactions: sent[index],
        rejected: [],
      });
    }
    return { userId: user.id, accounts: accounts.map((account) => account.id), sent };
  }

  const count = async (table: string): Promise<number> =>
    Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  const keysOf = async (table: string): Promise<string[]> =>
    (
      (await dataSource.query(`SELECT provider_tx_key FROM ${table} ORDER BY provider_tx_key`)) as {
        provider_tx_key: string;
      }[]
    ).map((row) => row.provider_tx_key);

  const OLD_BOOKED = [
    ...Array.from({ length: 7 }, (_, i) => `a-old-${i}`),
    ...Array.from({ length: 5 }, (_, i) => `b-old-${i}`),
  ].sort();
  const KEPT = ['a-new-0', 'a-new-1', 'a-old-pending', 'b-new-0'];

  async function expectFullyArchived(): Promise<void> {
    expect(await keysOf('transactions_archive')).toEqual(OLD_BOOKED);
    expect(await keysOf('transactions')).toEqual(KEPT);
    const duplicates = await dataSource.query(
      'SELECT t.id FROM transactions t JOIN transactions_archive a ON a.id = t.id OR ' +
        '(a.account_id = t.account_id AND a.provider_tx_key = t.provider_tx_key)',
    );
    expect(duplicates).toEqual([]);
  }

  it('moves every old booked row once, in batches, with its id and content, and nothing else', async () => {
    await seed();
    const before = (await dataSource.query(
      "SELECT id, provider_tx_key, content_hash, amount FROM transactions WHERE provider_tx_key LIKE '%-old-%' AND status = 'booked' ORDER BY id",
    )) as { id: number; provider_tx_key: string; content_hash: string; amount: unknown }[];
    const progress: number[] = [];

    const outcome = await archiver.archiveBefore(cutoff, {
      batchSize: 5,
      onBatch: ({ moved }) => progress.push(moved),
    });

    expect(outcome).toEqual({ moved: 12, batches: 3, finished: true });
    expect(progress).toEqual([5, 5, 2]);
    await expectFullyArchived();
    const archived = await dataSource.query(
      'SELECT id, provider_tx_key, content_hash, amount FROM transactions_archive ORDER BY id',
    );
    expect(archived.map((row: { id: unknown }) => Number(row.id))).toEqual(
      before.map((row) => Number(row.id)),
    );
    expect(archived.map((row: { content_hash: string }) => row.content_hash)).toEqual(
      before.map((row) => row.content_hash),
    );
    expect(await archiver.archiveBefore(cutoff, { batchSize: 5 })).toEqual({
      moved: 0,
      batches: 0,
      finished: true,
    });
  });

  it('stopped after the first batch, keeps that batch and finishes on the next run', async () => {
    await seed();
    const controller = new AbortController();

    const first = await archiver.archiveBefore(cutoff, {
      batchSize: 5,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });

    expect(first).toEqual({ moved: 5, batches: 1, finished: false });
    expect(await count('transactions_archive')).toBe(5);
    expect(await count('transactions')).toBe(KEPT.length + 12 - 5);
    expect(await archiver.archiveBefore(cutoff, { batchSize: 5 })).toEqual({
      moved: 7,
      batches: 2,
      finished: true,
    });
    await expectFullyArchived();
  });

  it('rolls a batch that fails half-way back whole; the rerun finishes with exact counts', async () => {
    await seed();
    // The copy into the archive succeeds; deleting one row of batch 2 then fails.
    await dataSource.query(
      dataSource.options.type === 'better-sqlite3'
        ? `CREATE TRIGGER archive_poison BEFORE DELETE ON transactions
             WHEN OLD.provider_tx_key = '${POISON_KEY}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`
        : `CREATE TRIGGER archive_poison BEFORE DELETE ON transactions FOR EACH ROW
             BEGIN IF OLD.provider_tx_key = '${POISON_KEY}' THEN
               SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END`,
    );
    const progress: number[] = [];
    try {
      // Compared by message: better-sqlite3 is loaded once per Jest worker, so its SqliteError may
      // come from another test file's realm, where `rejects.toThrow` does not see an Error.
      const failure = await archiver
        .archiveBefore(cutoff, { batchSize: 5, onBatch: ({ moved }) => progress.push(moved) })
        .then(
          () => 'no failure',
          (error: { message?: string }) => error.message,
        );
      expect(failure).toMatch(/injected failure/);
    } finally {
      await dataSource.query('DROP TRIGGER archive_poison');
    }

    expect(progress).toEqual([5]);
    expect(await keysOf('transactions_archive')).toEqual([
      'a-old-0',
      'a-old-1',
      'a-old-2',
      'a-old-3',
      'a-old-4',
    ]);
    expect(await count('transactions')).toBe(KEPT.length + 7);
    expect(await archiver.archiveBefore(cutoff, { batchSize: 5 })).toEqual({
      moved: 7,
      batches: 2,
      finished: true,
    });
    await expectFullyArchived();
  });

  it('a key archived already is archived once, with the newer content and its first id', async () => {
    const { accounts } = await seed();
    await archiver.archiveBefore(cutoff, { batchSize: 50 });
    const [first] = await dataSource.query(
      "SELECT id, archived_at FROM transactions_archive WHERE provider_tx_key = 'a-old-3'",
    );
    // As after a sync that raced the archiver: the same key back in transactions under a new id.
    await dataSource.query(
      `INSERT INTO transactions (account_id, provider_tx_key, status, booking_date, amount, currency,
         description, raw, content_hash) VALUES (?, 'a-old-3', 'booked', ?, '1.0000', 'EUR', 'again', '{}', 'x')`,
      [accounts[0], addDays(OLD, 3)],
    );

    expect(await archiver.archiveBefore(cutoff, { batchSize: 50 })).toMatchObject({ moved: 1 });
    await expectFullyArchived();
    const [kept] = await dataSource.query(
      "SELECT id, archived_at, description, content_hash FROM transactions_archive WHERE provider_tx_key = 'a-old-3'",
    );
    expect(kept).toMatchObject({ description: 'again', content_hash: 'x' });
    expect(Number(kept.id)).toBe(Number(first.id));
    expect(String(kept.archived_at)).toBe(String(first.archived_at));
  });

  it('a later sync sending archived rows again does not bring them back; new old rows still land', async () => {
    const { accounts, sent } = await seed();
    await archiver.archiveBefore(cutoff, { batchSize: 5 });

    const again = await ingest.ingestAccount({
      accountId: accounts[0],
      since: OLD,
      transactions: [...sent[0], transaction('a-old-late', addDays(OLD, 2))],
      rejected: [],
    });

    expect(again).toEqual({ inserted: 1, updated: 0, removed: 0, unchanged: 10, rejected: 0 });
    expect(await keysOf('transactions')).toEqual([
      ...KEPT.slice(0, 2),
      'a-old-late',
      ...KEPT.slice(2),
    ]);
    expect(await count('transactions_archive')).toBe(12);
  });

  it('runs as the weekly banking.archive-transactions task, its stats counting moved rows', async () => {
    await seed();
    const task = await app.app
      .get(ScheduledTaskService)
      .findByIdOrKey(ARCHIVE_TRANSACTIONS_TASK_KEY);
    expect(task).toMatchObject({
      scheduleType: 'cron',
      cronExpression: '0 4 * * 0',
      timezone: 'UTC',
    });

    const started = await app.app.get(TaskRunner).start(task, app.app.get(Clock).now(), 'manual');
    if (!started.started) throw new Error(`run not started: ${started.reason}`);
    await started.done;

    const run = await dataSource
      .getRepository(TaskLogEntity)
      .findOneByOrFail({ id: started.runId });
    expect(run.status).toBe('completed');
    expect(run.details).toMatchObject({ moved: 12, cutoff, finished: true });
    await expectFullyArchived();
  });

  describe('GET /api/v1/transactions?include_archived=true', () => {
    async function walk(
      userId: number,
      query: string,
    ): Promise<{ id: number; archived: boolean; booking_date: string }[]> {
      const token = app.tokenFor('user', userId);
      const rows: { id: number; archived: boolean; booking_date: string }[] = [];
      let cursor: string | null = null;
      do {
        const response: request.Response = await request(app.app.getHttpServer())
          .get('/api/v1/transactions')
          .query({ limit: 4, ...(cursor ? { cursor } : {}) })
          .query(query)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        rows.push(...response.body.items);
        cursor = response.body.next_cursor;
      } while (cursor);
      return rows;
    }

    it('pages through both tables, every row exactly once, newest first; the default leaves archived rows out', async () => {
      const { userId } = await seed();
      // One row in each table on the same day, so a page boundary can fall between the tables.
      await archiver.archiveBefore(cutoff, { batchSize: 5 });
      const all = (await dataSource.query(
        'SELECT id, booking_date, 0 AS archived FROM transactions UNION ALL SELECT id, booking_date, 1 FROM transactions_archive',
      )) as { id: unknown; archived: unknown }[];

      const listed = await walk(userId, 'include_archived=true');

      expect(listed).toHaveLength(all.length);
      expect(new Set(listed.map((row) => row.id)).size).toBe(all.length);
      const expected = [...listed].sort((a, b) =>
        a.booking_date === b.booking_date ? b.id - a.id : a.booking_date < b.booking_date ? 1 : -1,
      );
      expect(listed).toEqual(expected);
      expect(listed.filter((row) => row.archived)).toHaveLength(12);
      expect(listed.filter((row) => row.booking_date < cutoff).every((row) => row.archived)).toBe(
        false, // the old pending row stays live
      );

      const live = await walk(userId, 'include_archived=false');
      expect(live.map((row) => row.archived)).toEqual(KEPT.map(() => false));
      expect(await walk(userId, '')).toEqual(live);
    });

    it('rejects a value that is not true or false, naming the field', async () => {
      const response = await request(app.app.getHttpServer())
        .get('/api/v1/transactions?include_archived=yes')
        .set('Authorization', `Bearer ${app.tokenFor('admin')}`)
        .expect(400);
      expect(JSON.stringify(response.body.message)).toContain('include_archived');
    });
  });
});
