import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

export class CreateUsers1763800000000 implements MigrationInterface {
  name = 'CreateUsers1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.autoIncrementPrimary(),
          c.varchar('email', 255),
          c.varchar('display_name', 200),
          c.varchar('subscription_plan', 16, { default: "'free'" }),
          c.datetime('premium_until'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [{ name: 'uq_users_email', columnNames: ['email'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('users');
  }
}
