import { INestApplication } from '@nestjs/common';
import { createPool, Pool, RowDataPacket } from 'mysql2/promise';
import type { ProviderTransaction } from '../../../src/banking/sync/bank-sync.types';
import { forEachConcurrently } from '../../../src/banking/sync/concurrency';
import { isoDateFromDriver } from '../../../src/banking/sync/iso-dates';
import { TransactionIngestService } from '../../../src/banking/sync/transaction-ingest.service';

/** The same rows written by finsync's ingest and by a bare mysql2 multi-row upsert. */
export interface IngestComparison {
  readonly accounts: number;
  readonly rows: number;
  readonly concurrency: number;
  readonly ingestMs: number;
  readonly rawMs: number;
  readonly ingestRowsPerSecond: number;
  readonly rawRowsPerSecond: number;
  /** Ingest speed ÷ raw speed (target ≥ 0.7). */
  readonly ratio: number;
}

interface StoredRow extends RowDataPacket {
  account_id: number;
  provider_tx_key: string;
  provider_reference: string | null;
  status: 'pending' | 'booked';
  booking_date: Date | string;
  value_date: Date | string | null;
  amount: string;
  currency: string;
  description: string;
  original_description: string | null;
  counterparty: string | null;
  category_id: string | null;
  category: string | null;
  raw: string | Record<string, unknown>;
  content_hash: string;
}

interface AccountRows {
  readonly accountId: number;
  readonly transactions: ProviderTransaction[];
  /** The table's column values, in the raw statement's order. */
  readonly values: unknown[][];
}

const RAW_UPSERT =
  'INSERT INTO transactions (account_id, provider_tx_key, provider_reference, status, booking_date, ' +
  'value_date, amount, currency, description, original_description, counterparty, category_id, ' +
  'category, raw, content_hash) VALUES ? ' +
  'ON DUPLICATE KEY UPDATE provider_reference = VALUES(provider_reference), status = VALUES(status), ' +
  'booking_date = VALUES(booking_date), value_date = VALUES(value_date), amount = VALUES(amount), ' +
  'currency = VALUES(currency), description = VALUES(description), ' +
  'original_description = VALUES(original_description), counterparty = VALUES(counterparty), ' +
  'category_id = VALUES(category_id), category = VALUES(category), raw = VALUES(raw), ' +
  'content_hash = VALUES(content_hash)';

/**
 * Reads the rows the first sync stored for a sample of accounts, then writes them again into the
 * emptied accounts twice each way (alternating, best run kept): through `TransactionIngestService`
 * (read the window, diff, one transaction per account) and as one bare multi-row
 * `INSERT … ON DUPLICATE KEY UPDATE` per account through a mysql2 pool. Same rows, same batching,
 * same number of accounts at a time.
 */
export async function compareIngest(
  app: INestApplication,
  databaseUrl: string,
  sampleAccounts: number,
  concurrency: number,
): Promise<IngestComparison> {
  const pool = createPool({ uri: databaseUrl, connectionLimit: concurrency, timezone: 'Z' });
  try {
    const sample = await loadSample(pool, sampleAccounts);
    const rows = sample.reduce((sum, account) => sum + account.values.length, 0);
    const ids = sample.map((account) => account.accountId);
    const ingest = app.get(TransactionIngestService);
    const timings = { ingest: [] as number[], raw: [] as number[] };
    for (let round = 0; round < 2; round += 1) {
      await clear(pool, ids);
      timings.raw.push(
        await timed(() =>
          forEachConcurrently(sample, concurrency, async (account) => {
            await withDeadlockRetry(() => pool.query(RAW_UPSERT, [account.values]));
          }),
        ),
      );
      await clear(pool, ids);
      timings.ingest.push(
        await timed(() =>
          forEachConcurrently(sample, concurrency, async (account) => {
            await ingest.ingestAccount({
              accountId: account.accountId,
              since: '1970-01-01',
              transactions: account.transactions,
              rejected: [],
            });
          }),
        ),
      );
    }
    const ingestMs = Math.min(...timings.ingest);
    const rawMs = Math.min(...timings.raw);
    return {
      accounts: sample.length,
      rows,
      concurrency,
      ingestMs,
      rawMs,
      ingestRowsPerSecond: Math.round((rows / ingestMs) * 1000),
      rawRowsPerSecond: Math.round((rows / rawMs) * 1000),
      ratio: rawMs / ingestMs,
    };
  } finally {
    await pool.end();
  }
}

async function loadSample(pool: Pool, accounts: number): Promise<AccountRows[]> {
  const [accountRows] = await pool.query<RowDataPacket[]>(
    'SELECT id FROM bank_accounts ORDER BY id LIMIT ?',
    [accounts],
  );
  const ids = accountRows.map((row) => Number(row.id));
  const [rows] = await pool.query<StoredRow[]>(
    'SELECT * FROM transactions WHERE account_id IN (?) ORDER BY id',
    [ids],
  );
  const byAccount = new Map<number, AccountRows>(
    ids.map((id) => [id, { accountId: id, transactions: [], values: [] }]),
  );
  for (const row of rows) {
    const account = byAccount.get(Number(row.account_id)) as AccountRows;
    const rawJson = typeof row.raw === 'string' ? row.raw : JSON.stringify(row.raw);
    const transaction: ProviderTransaction = {
      providerTxKey: row.provider_tx_key,
      providerReference: row.provider_reference,
      status: row.status,
      bookingDate: isoDateFromDriver(row.booking_date),
      valueDate: isoDateFromDriver(row.value_date),
      amount: row.amount,
      currency: row.currency,
      description: row.description,
      originalDescription: row.original_description,
      counterparty: row.counterparty,
      categoryId: row.category_id,
      category: row.category,
      raw: JSON.parse(rawJson) as Record<string, unknown>,
    };
    account.transactions.push(transaction);
    account.values.push([
      row.account_id,
      row.provider_tx_key,
      row.provider_reference,
      row.status,
      transaction.bookingDate,
      transaction.valueDate,
      row.amount,
      row.currency,
      row.description,
      row.original_description,
      row.counterparty,
      row.category_id,
      row.category,
      rawJson,
      row.content_hash,
    ]);
  }
  return [...byAccount.values()].filter((account) => account.values.length > 0);
}

/** InnoDB may pick a concurrent upsert as a deadlock victim; the baseline retries like ingest. */
async function withDeadlockRetry(work: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await work();
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ER_LOCK_DEADLOCK' || attempt >= 4) throw error;
    }
  }
}

async function clear(pool: Pool, accountIds: readonly number[]): Promise<void> {
  await pool.query('DELETE FROM transactions WHERE account_id IN (?)', [accountIds]);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await work();
  return performance.now() - startedAt;
}
