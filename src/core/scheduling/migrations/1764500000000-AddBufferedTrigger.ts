import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { MigrationColumns } from '../../../infra/database/migration-columns';

/** A buffered fire remembers its trigger, so a run-now held back by `buffer_one` runs as `manual`. */
export class AddBufferedTrigger1764500000000 implements MigrationInterface {
  name = 'AddBufferedTrigger1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.addColumn(
      'scheduled_tasks',
      new TableColumn(c.varchar('buffered_trigger', 16, { isNullable: true })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('scheduled_tasks', 'buffered_trigger');
  }
}
