import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

/** Bank connections, accounts, transactions, the manual-sync audit and shared rate-limit budgets. */
export class CreateBanking1763800600000 implements MigrationInterface {
  name = 'CreateBanking1763800600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    const date = (name: string, nullable: boolean): TableColumnOptions => ({
      name,
      type: 'date',
      isNullable: nullable,
    });
    await queryRunner.createTable(
      new Table({
        name: 'bank_connections',
        columns: [
          c.autoIncrementPrimary(),
          c.int('user_id'),
          c.varchar('provider', 16),
          c.varchar('provider_user_id', 128, { isNullable: true }),
          c.varchar('external_id', 128),
          c.varchar('institution_name', 200, { isNullable: true }),
          c.varchar('status', 16, { default: "'active'" }),
          c.text('sealed_secrets'),
          c.varchar('secrets_key_id', 16, { isNullable: true }),
          c.datetime('token_expires_at'),
          c.datetime('consent_expires_at'),
          c.datetime('last_sync_at'),
          c.datetime('last_success_at'),
          c.text('last_error'),
          c.int('consecutive_failures', { default: 0 }),
          c.datetime('next_attempt_at'),
          c.varchar('sync_lock_owner', 64, { isNullable: true }),
          c.datetime('sync_locked_until'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_bank_connections_external',
            columnNames: ['provider', 'external_id'],
            isUnique: true,
          },
          { name: 'idx_bank_connections_user', columnNames: ['user_id'] },
          { name: 'idx_bank_connections_provider_status', columnNames: ['provider', 'status'] },
        ],
        foreignKeys: [
          {
            name: 'fk_bank_connections_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bank_accounts',
        columns: [
          c.autoIncrementPrimary(),
          c.int('connection_id'),
          c.varchar('external_id', 128),
          c.varchar('name', 200),
          c.varchar('iban', 34, { isNullable: true }),
          c.varchar('type', 16),
          c.varchar('currency', 3, { isNullable: true }),
          c.decimal('balance', true),
          c.datetime('balance_at'),
          c.datetime('transactions_synced_at'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_bank_accounts_external',
            columnNames: ['connection_id', 'external_id'],
            isUnique: true,
          },
        ],
        foreignKeys: [
          {
            name: 'fk_bank_accounts_connection',
            columnNames: ['connection_id'],
            referencedTableName: 'bank_connections',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'transactions',
        columns: [
          c.autoIncrementPrimary(),
          c.int('account_id'),
          c.varchar('provider_tx_key', 128),
          c.varchar('provider_reference', 128, { isNullable: true }),
          c.varchar('status', 8),
          date('booking_date', false),
          date('value_date', true),
          c.decimal('amount'),
          c.varchar('currency', 3),
          c.text('description', false),
          c.varchar('counterparty', 255, { isNullable: true }),
          c.varchar('category', 100, { isNullable: true }),
          c.json('raw', false),
          c.varchar('content_hash', 40),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_transactions_account_key',
            columnNames: ['account_id', 'provider_tx_key'],
            isUnique: true,
          },
          { name: 'idx_transactions_account_date', columnNames: ['account_id', 'booking_date'] },
        ],
        foreignKeys: [
          {
            name: 'fk_transactions_account',
            columnNames: ['account_id'],
            referencedTableName: 'bank_accounts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_audit',
        columns: [
          c.autoIncrementPrimary(),
          c.int('actor_user_id'),
          c.varchar('actor_role', 8),
          c.int('user_id'),
          c.int('connection_id', { isNullable: true }),
          c.varchar('provider', 16),
          c.varchar('outcome', 16),
          c.text('reason'),
          c.json('details'),
          c.datetime('started_at', false),
          c.datetime('finished_at', false),
          c.createdAt(),
        ],
        indices: [
          { name: 'idx_sync_audit_user_started', columnNames: ['user_id', 'started_at'] },
          { name: 'idx_sync_audit_connection', columnNames: ['connection_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_sync_audit_connection',
            columnNames: ['connection_id'],
            referencedTableName: 'bank_connections',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    // rate-limiter-flexible's table layout (RateLimiterMySQL / RateLimiterSQLite, tableCreated):
    // budgets every instance shares. No entity: only the limiter reads and writes it.
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { ...c.varchar('key', 255), isPrimary: true },
          c.int('points', { default: 0 }),
          { name: 'expire', type: 'bigint', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limits');
    await queryRunner.dropTable('sync_audit');
    await queryRunner.dropTable('transactions');
    await queryRunner.dropTable('bank_accounts');
    await queryRunner.dropTable('bank_connections');
  }
}
