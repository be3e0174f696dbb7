import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

/**
 * What the bank says is kept: the bank's own text next to the display text, and the provider's
 * category id apart from the category's name (which may be missing). Stored rows get both on their
 * accounts' next sync, which reads the whole history again: rows differ from what is stored now
 * (and some stored a category id as its name), so ingest rewrites them.
 */
export class AddTransactionBankText1764800000000 implements MigrationInterface {
  name = 'AddTransactionBankText1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.addColumns('transactions', [
      new TableColumn(c.text('original_description')),
      new TableColumn(c.varchar('category_id', 100, { isNullable: true })),
    ]);
    await queryRunner.query('UPDATE bank_accounts SET transactions_synced_at = NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('transactions', ['category_id', 'original_description']);
  }
}
