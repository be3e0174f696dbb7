import { randomUUID } from 'node:crypto';
import { Pool } from 'mysql2/promise';
import { DEFAULT_POLICIES } from '../../../src/core/scheduling/code-task-sync.service';
import { nextRunOf } from '../../../src/core/scheduling/task-schedule';
import { describeCronProblem } from '../../../src/core/scheduling/time/cron-expression';
import { BENCH_TASK_TYPE } from './bench-noop.module';
import { Scenario } from './scenarios';

const ROWS_PER_INSERT = 2000;

/**
 * The columns ScheduledTaskService.create() writes for an API task (origin 'api', default policies,
 * anchor_at = creation second, next_run = first fire after creation); the rest keep their defaults.
 */
const COLUMNS = [
  'id',
  'task_type',
  'source_id',
  'code_key',
  'origin',
  'name',
  'description',
  'schedule_type',
  'cron_expression',
  'interval_seconds',
  'anchor_at',
  'run_at',
  'timezone',
  'enabled',
  'paused',
  'payload',
  'overlap_policy',
  'misfire_policy',
  'misfire_grace_seconds',
  'max_retries',
  'retry_delay_seconds',
  'timeout_seconds',
  'status',
  'next_run',
  'operator_modified',
  'version',
] as const;

type Row = (string | number | Date | null)[];

export interface SeedResult {
  tasks: number;
  seconds: number;
}

/** Inserts the scenario's tasks with multi-row INSERTs (the service would need one round trip each). */
export async function seedTasks(pool: Pool, scenario: Scenario): Promise<SeedResult> {
  assertValidCrons(scenario);
  const started = Date.now();
  const sql = `INSERT INTO scheduled_tasks (${COLUMNS.join(', ')}) VALUES ?`;
  for (let first = 0; first < scenario.taskCount; first += ROWS_PER_INSERT) {
    const now = new Date();
    const last = Math.min(first + ROWS_PER_INSERT, scenario.taskCount);
    const rows: Row[] = [];
    for (let index = first; index < last; index++) rows.push(apiTaskRow(scenario, index, now));
    await pool.query(sql, [rows]);
  }
  return { tasks: scenario.taskCount, seconds: (Date.now() - started) / 1000 };
}

function apiTaskRow(scenario: Scenario, index: number, now: Date): Row {
  const schedule = {
    scheduleType: 'cron' as const,
    cronExpression: scenario.cronOf(index),
    intervalSeconds: null,
    anchorAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
    runAt: null,
    timezone: 'UTC',
    enabled: true,
    paused: false,
  };
  const values: Record<(typeof COLUMNS)[number], string | number | Date | null> = {
    id: randomUUID(),
    task_type: BENCH_TASK_TYPE,
    source_id: `bench-${index}`,
    code_key: null,
    origin: 'api',
    name: BENCH_TASK_TYPE,
    description: null,
    schedule_type: schedule.scheduleType,
    cron_expression: schedule.cronExpression,
    interval_seconds: null,
    anchor_at: schedule.anchorAt,
    run_at: null,
    timezone: schedule.timezone,
    enabled: 1,
    paused: 0,
    payload: null,
    overlap_policy: DEFAULT_POLICIES.overlapPolicy,
    misfire_policy: DEFAULT_POLICIES.misfirePolicy,
    misfire_grace_seconds: DEFAULT_POLICIES.misfireGraceSeconds,
    max_retries: DEFAULT_POLICIES.maxRetries,
    retry_delay_seconds: DEFAULT_POLICIES.retryDelaySeconds,
    timeout_seconds: null,
    status: 'pending',
    next_run: nextRunOf(schedule, now),
    operator_modified: 0,
    version: 1,
  };
  return COLUMNS.map((column) => values[column]);
}

/**
 * Makes seeded tasks new again for the next phase, without re-inserting them: history emptied and
 * every task's next_run set to its first fire after now, as create() would have set it.
 */
export async function rearmTasks(pool: Pool, scenario: Scenario): Promise<void> {
  await pool.query('TRUNCATE TABLE task_logs');
  const now = new Date();
  const nextRuns = distinctCrons(scenario).map((cronExpression) => [
    cronExpression,
    nextRunOf(
      {
        scheduleType: 'cron',
        cronExpression,
        intervalSeconds: null,
        anchorAt: now,
        runAt: null,
        timezone: 'UTC',
        enabled: true,
        paused: false,
      },
      now,
    ),
  ]);
  await pool.query('DROP TABLE IF EXISTS bench_rearm');
  await pool.query(
    'CREATE TABLE bench_rearm (cron_expression VARCHAR(120) PRIMARY KEY, next_run DATETIME(3))',
  );
  await pool.query('INSERT INTO bench_rearm (cron_expression, next_run) VALUES ?', [nextRuns]);
  await pool.query(
    `UPDATE scheduled_tasks t JOIN bench_rearm r ON r.cron_expression = t.cron_expression
        SET t.next_run = r.next_run, t.status = 'pending', t.last_run = NULL, t.error_message = NULL,
            t.retry_at = NULL, t.retry_scheduled_for = NULL, t.retry_attempt = NULL,
            t.buffered_for = NULL
      WHERE t.task_type = ?`,
    [BENCH_TASK_TYPE],
  );
}

export function distinctCrons(scenario: Scenario): string[] {
  const crons = new Set<string>();
  for (let index = 0; index < scenario.taskCount; index++) crons.add(scenario.cronOf(index));
  return [...crons];
}

/** create() refuses an invalid cron; the seeder does too, once per distinct expression. */
function assertValidCrons(scenario: Scenario): void {
  for (const cron of distinctCrons(scenario)) {
    const problem = describeCronProblem(cron);
    if (problem) throw new Error(`Scenario ${scenario.name}: ${problem}`);
  }
}
