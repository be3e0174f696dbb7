import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { MigrationColumns } from '../../../infra/database/migration-columns';

/**
 * Runs count their items (connections, files) by outcome, show progress while running, remember
 * which failed items a retry processes, and mark runs that did nothing (hidden from lists).
 */
export class AddRunItems1796415400000 implements MigrationInterface {
  name = 'AddRunItems1796415400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.addColumns('task_logs', [
      new TableColumn(c.int('items_total', { isNullable: true })),
      new TableColumn(c.int('items_succeeded', { isNullable: true })),
      new TableColumn(c.int('items_failed', { isNullable: true })),
      new TableColumn(c.int('items_skipped', { isNullable: true })),
      new TableColumn(c.json('progress')),
      new TableColumn(c.json('retry_items')),
      new TableColumn(c.boolean('idle', false)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'idle',
      'retry_items',
      'progress',
      'items_skipped',
      'items_failed',
      'items_succeeded',
      'items_total',
    ])
      await queryRunner.dropColumn('task_logs', column);
  }
}
