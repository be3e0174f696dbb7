import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from '../../../src/database-schema';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { parseDatabaseUrl } from '../../../src/infra/database/database-url';
import {
  createDataSource,
  resolveDataSourceOptions,
} from '../../../src/infra/database/data-source-options';
import { createTestDatabase, TestDatabase } from '../../utils/test-database';

const PATH = '/exports/receipts_2026-01-15.xlsx';
const COPY_PATH = '/exports/receipts_2026-01-15 (copy).xlsx';

/** The ledger as the importer before ReplaceCorrectedDays left it: a skipped row per file per run. */
async function insertOldEntry(
  dataSource: DataSource,
  entry: { path: string; sha256: string; status: string; startedAt: string },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO credit_import_files
       (department_id, run_id, file_name, remote_path, file_kind, file_date, size_bytes,
        remote_modified_at, sha256, imported_sha256, status, rows_read, rows_imported,
        problem_count, error_message, error_report, started_at, finished_at)
     VALUES (8, NULL, ?, ?, 'receipts', '2026-01-15', 100, NULL, ?, ?, ?, 0, 0, 0, NULL, NULL, ?, ?)`,
    [
      entry.path.slice('/exports/'.length),
      entry.path,
      entry.sha256,
      entry.status === 'imported' ? entry.sha256 : null,
      entry.status,
      entry.startedAt,
      entry.startedAt,
    ],
  );
}

describe('migration ReplaceCorrectedDays', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource(
      await resolveDataSourceOptions(parseDatabaseUrl(db.url), {
        entities: ENTITIES,
        migrations: MIGRATIONS,
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    expect(dataSource.migrations.at(-1)?.name).toBe('ReplaceCorrectedDays1796500000000');
    await dataSource.undoLastMigration();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('folds the skipped rows that repeat an imported entry into its last_seen_at, and keeps the rest', async () => {
    await insertOldEntry(dataSource, {
      path: PATH,
      sha256: 'a'.repeat(64),
      status: 'imported',
      startedAt: '2026-01-15 06:00:01.000',
    });
    for (const day of ['16', '17', '18']) {
      await insertOldEntry(dataSource, {
        path: PATH,
        sha256: 'a'.repeat(64),
        status: 'skipped',
        startedAt: `2026-01-${day} 06:00:01.000`,
      });
    }
    // Other content under the same path (a version that failed, then skipped): not a repeat.
    await insertOldEntry(dataSource, {
      path: PATH,
      sha256: 'b'.repeat(64),
      status: 'skipped',
      startedAt: '2026-01-18 06:00:02.000',
    });
    // The same content under another name: the only trace of that file, kept.
    await insertOldEntry(dataSource, {
      path: COPY_PATH,
      sha256: 'a'.repeat(64),
      status: 'skipped',
      startedAt: '2026-01-18 06:00:03.000',
    });

    await dataSource.runMigrations({ transaction: 'each' });

    const entries = await dataSource
      .getRepository(CreditImportFileEntity)
      .find({ order: { id: 'ASC' } });
    expect(
      entries.map((entry) => [
        entry.remotePath,
        entry.sha256![0],
        entry.status,
        entry.lastSeenAt?.toISOString(),
      ]),
    ).toEqual([
      [PATH, 'a', 'imported', '2026-01-18T06:00:01.000Z'],
      [PATH, 'b', 'skipped', '2026-01-18T06:00:02.000Z'],
      [COPY_PATH, 'a', 'skipped', '2026-01-18T06:00:03.000Z'],
    ]);
    expect(entries.every((entry) => entry.rowsRemoved === 0)).toBe(true);
    expect(entries.every((entry) => entry.supersedesImportId === null)).toBe(true);
  });
});
