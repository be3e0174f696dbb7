import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

/**
 * What the bank says is kept: the bank's own text next to the display text, and the provider's
 * category id apart from the category's name (which may be missing).
 */
export class AddTransactionBankText1764800000000 implements MigrationInterface {
  name = 'AddTransactionBankText1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.addColumns('transactions', [
      new TableColumn(c.text('original_description')),
      new TableColumn(c.varchar('category_id', 100, { isNullable: true })),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('transactions', ['category_id', 'original_description']);
  }
}
