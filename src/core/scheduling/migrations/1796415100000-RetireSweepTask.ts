import { MigrationInterface, QueryRunner } from 'typeorm';

const RETIRED_KEY = 'scheduler.sweep-stale-runs';

/**
 * Dead instances' runs are swept by an engine loop on every heartbeat now, no longer by the
 * `scheduler.sweep-stale-runs` task: its row and run history go, instead of being disabled with a
 * warning at every boot.
 */
export class RetireSweepTask1796415100000 implements MigrationInterface {
  name = 'RetireSweepTask1796415100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DELETE FROM task_logs WHERE task_id IN (SELECT id FROM scheduled_tasks WHERE code_key = ?)',
      [RETIRED_KEY],
    );
    await queryRunner.query('DELETE FROM scheduled_tasks WHERE code_key = ?', [RETIRED_KEY]);
  }

  async down(): Promise<void> {
    // Nothing to restore: a build that declares the task again recreates its row at boot.
  }
}
