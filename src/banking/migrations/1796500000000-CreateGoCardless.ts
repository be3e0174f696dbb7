import { MigrationInterface, QueryRunner, Table, TableForeignKeyOptions } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

function cascadeTo(name: string, column: string, table: string): TableForeignKeyOptions {
  return {
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    onUpdate: 'NO ACTION',
  };
}

/**
 * GoCardless' own tables: the sealed app token pair, connect flows in progress, per-account state
 * (status, details and balance last read, circuit) and per-account per-scope call budgets.
 */
export class CreateGoCardless1796500000000 implements MigrationInterface {
  name = 'CreateGoCardless1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'gocardless_app_tokens',
        columns: [
          c.varchar('id', 32, { isPrimary: true }),
          c.text('sealed', false),
          c.varchar('key_id', 16),
          c.datetime('access_expires_at', false),
          c.datetime('refresh_expires_at'),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gocardless_links',
        columns: [
          c.autoIncrementPrimary(),
          c.varchar('reference', 64),
          c.int('user_id'),
          c.varchar('institution_id', 100),
          c.varchar('institution_name', 200, { isNullable: true }),
          c.varchar('agreement_id', 64),
          c.varchar('requisition_id', 64),
          c.varchar('status', 16, { default: "'pending'" }),
          c.text('error'),
          c.int('connection_id', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          { name: 'uq_gocardless_links_reference', columnNames: ['reference'], isUnique: true },
          { name: 'idx_gocardless_links_user', columnNames: ['user_id'] },
        ],
        foreignKeys: [cascadeTo('fk_gocardless_links_user', 'user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gocardless_accounts',
        columns: [
          c.autoIncrementPrimary(),
          c.int('connection_id'),
          c.varchar('account_id', 64),
          c.varchar('status', 16, { default: "'READY'" }),
          c.text('stopped_reason'),
          c.varchar('name', 200, { isNullable: true }),
          c.varchar('iban', 34, { isNullable: true }),
          c.varchar('currency', 3, { isNullable: true }),
          c.varchar('account_type', 16, { isNullable: true }),
          c.datetime('details_read_at'),
          c.decimal('balance', true),
          c.datetime('balance_at'),
          c.int('history_days', { isNullable: true }),
          c.int('transactions_reads', { default: 0 }),
          c.int('consecutive_failures', { default: 0 }),
          c.datetime('circuit_open_until'),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_gocardless_accounts',
            columnNames: ['connection_id', 'account_id'],
            isUnique: true,
          },
        ],
        foreignKeys: [
          cascadeTo('fk_gocardless_accounts_connection', 'connection_id', 'bank_connections'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gocardless_budgets',
        columns: [
          c.autoIncrementPrimary(),
          c.int('connection_id'),
          c.varchar('account_id', 64),
          c.varchar('scope', 16),
          c.int('call_limit', { isNullable: true }),
          c.int('remaining', { isNullable: true }),
          c.datetime('resets_at'),
          c.json('recent_calls'),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_gocardless_budgets',
            columnNames: ['connection_id', 'account_id', 'scope'],
            isUnique: true,
          },
        ],
        foreignKeys: [
          cascadeTo('fk_gocardless_budgets_connection', 'connection_id', 'bank_connections'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('gocardless_budgets');
    await queryRunner.dropTable('gocardless_accounts');
    await queryRunner.dropTable('gocardless_links');
    await queryRunner.dropTable('gocardless_app_tokens');
  }
}
