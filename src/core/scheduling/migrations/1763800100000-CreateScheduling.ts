import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { MigrationColumns } from '../../../infra/database/migration-columns';

export class CreateScheduling1763800100000 implements MigrationInterface {
  name = 'CreateScheduling1763800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'scheduled_tasks',
        columns: [
          c.uuidPrimary(),
          c.varchar('task_type', 100),
          c.varchar('source_id', 64, { isNullable: true }),
          c.varchar('code_key', 100, { isNullable: true }),
          c.varchar('origin', 8),
          c.varchar('name', 200),
          c.text('description'),
          c.varchar('schedule_type', 20),
          c.varchar('cron_expression', 120, { isNullable: true }),
          c.int('interval_seconds', { isNullable: true }),
          c.datetime('anchor_at', false),
          c.datetime('run_at'),
          c.varchar('timezone', 64, { default: "'UTC'" }),
          c.boolean('enabled', true),
          c.boolean('paused', false),
          c.json('payload'),
          c.varchar('overlap_policy', 16, { default: "'skip'" }),
          c.varchar('misfire_policy', 16, { default: "'run_once'" }),
          c.int('misfire_grace_seconds', { default: 3600 }),
          c.int('max_retries', { default: 3 }),
          c.int('retry_delay_seconds', { default: 300 }),
          c.int('timeout_seconds', { isNullable: true }),
          c.varchar('status', 20, { default: "'pending'" }),
          c.datetime('last_run'),
          c.datetime('next_run'),
          c.text('error_message'),
          c.datetime('retry_at'),
          c.datetime('retry_scheduled_for'),
          c.int('retry_attempt', { isNullable: true }),
          c.datetime('buffered_for'),
          c.boolean('operator_modified', false),
          c.int('version', { default: 1 }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          { name: 'uq_scheduled_tasks_code_key', columnNames: ['code_key'], isUnique: true },
          { name: 'idx_scheduled_tasks_next_run', columnNames: ['next_run'] },
          { name: 'idx_scheduled_tasks_retry_at', columnNames: ['retry_at'] },
          { name: 'idx_scheduled_tasks_type_source', columnNames: ['task_type', 'source_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'task_logs',
        columns: [
          c.uuidPrimary(),
          c.uuid('task_id'),
          c.datetime('scheduled_for', false),
          c.varchar('trigger', 16),
          c.int('attempt', { default: 1 }),
          c.varchar('status', 20),
          c.datetime('execution_start', false),
          c.datetime('execution_end'),
          c.text('error_message'),
          c.json('details'),
          c.varchar('instance_id', 100, { isNullable: true }),
          c.datetime('heartbeat_at'),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_task_logs_fire',
            columnNames: ['task_id', 'scheduled_for', 'attempt'],
            isUnique: true,
          },
          { name: 'idx_task_logs_task_status', columnNames: ['task_id', 'status'] },
          { name: 'idx_task_logs_status_heartbeat', columnNames: ['status', 'heartbeat_at'] },
          { name: 'idx_task_logs_created_at', columnNames: ['created_at'] },
          { name: 'idx_task_logs_task_start', columnNames: ['task_id', 'execution_start'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('task_logs');
    await queryRunner.dropTable('scheduled_tasks');
  }
}
