import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The API's lists page in (instant, id) order: tasks oldest first, runs newest first, across tasks
 * or of one status. Without an index in that order every page sorted the whole table.
 */
export class IndexListOrders1796415200000 implements MigrationInterface {
  name = 'IndexListOrders1796415200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'scheduled_tasks',
      new TableIndex({ name: 'idx_scheduled_tasks_created', columnNames: ['created_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'task_logs',
      new TableIndex({ name: 'idx_task_logs_start', columnNames: ['execution_start', 'id'] }),
    );
    await queryRunner.createIndex(
      'task_logs',
      new TableIndex({
        name: 'idx_task_logs_status_start',
        columnNames: ['status', 'execution_start', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('task_logs', 'idx_task_logs_status_start');
    await queryRunner.dropIndex('task_logs', 'idx_task_logs_start');
    await queryRunner.dropIndex('scheduled_tasks', 'idx_scheduled_tasks_created');
  }
}
