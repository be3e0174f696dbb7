import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

/** `transactions_archive`: the columns of `transactions` plus `archived_at` (see the archiver). */
export class CreateTransactionsArchive1796415300000 implements MigrationInterface {
  name = 'CreateTransactionsArchive1796415300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'transactions_archive',
        columns: [
          c.int('id', { isPrimary: true }),
          c.int('account_id'),
          c.varchar('provider_tx_key', 128),
          c.varchar('provider_reference', 128, { isNullable: true }),
          c.varchar('status', 8),
          { name: 'booking_date', type: 'date', isNullable: false },
          { name: 'value_date', type: 'date', isNullable: true },
          c.decimal('amount'),
          c.varchar('currency', 3),
          c.text('description', false),
          c.text('original_description'),
          c.varchar('counterparty', 255, { isNullable: true }),
          c.varchar('category_id', 100, { isNullable: true }),
          c.varchar('category', 100, { isNullable: true }),
          c.json('raw', false),
          c.varchar('content_hash', 40),
          c.datetime('created_at', false),
          c.datetime('updated_at', false),
          c.datetime('archived_at', false),
        ],
        indices: [
          {
            name: 'uq_transactions_archive_account_key',
            columnNames: ['account_id', 'provider_tx_key'],
            isUnique: true,
          },
          {
            name: 'idx_transactions_archive_account_date',
            columnNames: ['account_id', 'booking_date'],
          },
          { name: 'idx_transactions_archive_date', columnNames: ['booking_date'] },
        ],
        foreignKeys: [
          {
            name: 'fk_transactions_archive_account',
            columnNames: ['account_id'],
            referencedTableName: 'bank_accounts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('transactions_archive');
  }
}
