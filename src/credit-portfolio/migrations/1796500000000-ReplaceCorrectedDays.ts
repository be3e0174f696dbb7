import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

/**
 * The ledger learns that a corrected file replaces its (kind, day) — `rows_removed`,
 * `supersedes_import_id`, the `superseded` status — and that an unchanged file is seen, not
 * skipped again (`last_seen_at`). Existing entries count as seen when they were written.
 *
 * The `skipped` rows the old importer added on every run are folded into the entry they repeat:
 * a skipped row of the same department, remote path and content as an imported entry only says
 * "seen again", so its latest time becomes that entry's `last_seen_at` and the row goes. No fact
 * row points at a skipped row (only imported entries carry rows). Skipped rows that repeat no
 * imported entry of their own path (a copy under another name) are kept. `down` cannot bring the
 * folded rows back; it only drops the new columns.
 */
export class ReplaceCorrectedDays1796500000000 implements MigrationInterface {
  name = 'ReplaceCorrectedDays1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.addColumns('credit_import_files', [
      new TableColumn(c.int('rows_removed', { default: 0 })),
      new TableColumn(c.int('supersedes_import_id', { isNullable: true })),
      new TableColumn(c.datetime('last_seen_at')),
    ]);
    await queryRunner.createIndex(
      'credit_import_files',
      new TableIndex({
        name: 'idx_credit_import_files_day',
        columnNames: ['department_id', 'file_kind', 'file_date'],
      }),
    );
    await queryRunner.query('UPDATE credit_import_files SET last_seen_at = started_at');
    await foldRepeatedSkips(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE credit_import_files SET status = 'imported' WHERE status = 'superseded'`,
    );
    await queryRunner.dropIndex('credit_import_files', 'idx_credit_import_files_day');
    await queryRunner.dropColumns('credit_import_files', [
      'last_seen_at',
      'supersedes_import_id',
      'rows_removed',
    ]);
  }
}

/** See the class comment; exported for its test. */
export async function foldRepeatedSkips(queryRunner: QueryRunner): Promise<void> {
  const { type } = queryRunner.connection.options;
  if (type === 'mysql' || type === 'mariadb') {
    // MySQL cannot read the table it updates in a subquery, hence the joins.
    await queryRunner.query(
      `UPDATE credit_import_files i
         JOIN (SELECT department_id, remote_path, sha256, MAX(started_at) AS seen
                 FROM credit_import_files WHERE status = 'skipped'
                GROUP BY department_id, remote_path, sha256) s
           ON s.department_id = i.department_id AND s.remote_path = i.remote_path
          AND s.sha256 = i.sha256
          SET i.last_seen_at = GREATEST(i.last_seen_at, s.seen)
        WHERE i.status = 'imported'`,
    );
    await queryRunner.query(
      `DELETE s FROM credit_import_files s
         JOIN credit_import_files i
           ON i.department_id = s.department_id AND i.remote_path = s.remote_path
          AND i.sha256 = s.sha256 AND i.status = 'imported'
        WHERE s.status = 'skipped'`,
    );
    return;
  }
  const repeats = `SELECT 1 FROM credit_import_files i
     WHERE i.department_id = s.department_id AND i.remote_path = s.remote_path
       AND i.sha256 = s.sha256 AND i.status = 'imported'`;
  await queryRunner.query(
    `UPDATE credit_import_files AS i
        SET last_seen_at = MAX(last_seen_at,
              (SELECT MAX(s.started_at) FROM credit_import_files s
                WHERE s.status = 'skipped' AND s.department_id = i.department_id
                  AND s.remote_path = i.remote_path AND s.sha256 = i.sha256))
      WHERE i.status = 'imported'
        AND EXISTS (SELECT 1 FROM credit_import_files s
                     WHERE s.status = 'skipped' AND s.department_id = i.department_id
                       AND s.remote_path = i.remote_path AND s.sha256 = i.sha256)`,
  );
  await queryRunner.query(
    `DELETE FROM credit_import_files AS s WHERE s.status = 'skipped' AND EXISTS (${repeats})`,
  );
}
