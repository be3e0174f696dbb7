import { randomUUID } from 'node:crypto';
import type { Pool } from 'mysql2/promise';
import { DEFAULT_POLICIES } from '../../../src/core/scheduling/code-task-sync.service';

const ROWS_PER_INSERT = 2000;
const TASK_TYPE = 'tink.sync-connections';
const INTERVAL_SECONDS = 6 * 3600;
/** A run in 25 fails and one in 100 is skipped; the rest complete. */
const FAILED_EVERY = 25;
const SKIPPED_EVERY = 100;

export interface SeededLedger {
  tasks: number;
  runs: number;
  seconds: number;
}

/**
 * API-created tasks as operators make them (one sync task per source, every 6 h, created a second
 * apart) and `runsPerTask` runs of each, mostly completed, some failed or skipped, spread over the
 * past days: written with multi-row INSERTs, like the scheduler benchmark's seeder.
 */
export async function seedLedger(
  pool: Pool,
  taskCount: number,
  runsPerTask: number,
): Promise<SeededLedger> {
  const started = Date.now();
  const firstCreated = Date.now() - (taskCount + 60) * 1000;
  for (let first = 0; first < taskCount; first += ROWS_PER_INSERT) {
    const last = Math.min(first + ROWS_PER_INSERT, taskCount);
    const tasks: unknown[][] = [];
    const runs: unknown[][] = [];
    for (let index = first; index < last; index++) {
      const id = randomUUID();
      const createdAt = new Date(firstCreated + index * 1000);
      tasks.push(taskRow(id, index, createdAt));
      for (let run = 0; run < runsPerTask; run++) runs.push(runRow(id, index, run, createdAt));
    }
    await pool.query(`INSERT INTO scheduled_tasks (${TASK_COLUMNS.join(', ')}) VALUES ?`, [tasks]);
    for (let start = 0; start < runs.length; start += ROWS_PER_INSERT) {
      await pool.query(`INSERT INTO task_logs (${RUN_COLUMNS.join(', ')}) VALUES ?`, [
        runs.slice(start, start + ROWS_PER_INSERT),
      ]);
    }
  }
  return {
    tasks: taskCount,
    runs: taskCount * runsPerTask,
    seconds: (Date.now() - started) / 1000,
  };
}

const TASK_COLUMNS = [
  'id',
  'task_type',
  'source_id',
  'origin',
  'name',
  'schedule_type',
  'interval_seconds',
  'anchor_at',
  'timezone',
  'enabled',
  'paused',
  'overlap_policy',
  'misfire_policy',
  'misfire_grace_seconds',
  'max_retries',
  'retry_delay_seconds',
  'status',
  'last_run',
  'next_run',
  'operator_modified',
  'version',
  'created_at',
  'updated_at',
] as const;

function taskRow(id: string, index: number, createdAt: Date): unknown[] {
  const nextRun = new Date(createdAt.getTime() + 10 * 365 * 86_400_000);
  return [
    id,
    TASK_TYPE,
    `connection-${index}`,
    'api',
    `Sync of connection ${index}`,
    'interval',
    INTERVAL_SECONDS,
    new Date(Math.floor(createdAt.getTime() / 1000) * 1000),
    'UTC',
    1,
    0,
    DEFAULT_POLICIES.overlapPolicy,
    DEFAULT_POLICIES.misfirePolicy,
    DEFAULT_POLICIES.misfireGraceSeconds,
    DEFAULT_POLICIES.maxRetries,
    DEFAULT_POLICIES.retryDelaySeconds,
    index % FAILED_EVERY === 0 ? 'failed' : 'completed',
    createdAt,
    nextRun,
    0,
    1,
    createdAt,
    createdAt,
  ];
}

const RUN_COLUMNS = [
  'id',
  'task_id',
  'scheduled_for',
  '`trigger`',
  'attempt',
  'status',
  'execution_start',
  'execution_end',
  'error_message',
  'details',
  'instance_id',
  'heartbeat_at',
  'created_at',
] as const;

function runRow(taskId: string, index: number, run: number, createdAt: Date): unknown[] {
  const fire = new Date(createdAt.getTime() - run * INTERVAL_SECONDS * 1000);
  const start = new Date(fire.getTime() + 40);
  const end = new Date(start.getTime() + 1800);
  const nth = index * 7 + run;
  const status =
    nth % FAILED_EVERY === 0 ? 'failed' : nth % SKIPPED_EVERY === 1 ? 'skipped' : 'completed';
  return [
    randomUUID(),
    taskId,
    fire,
    'schedule',
    1,
    status,
    start,
    end,
    status === 'failed' ? 'Tink answered 503 Service Unavailable' : null,
    status === 'completed'
      ? JSON.stringify({ provider: 'tink', attempted: 1, successful: 1, failed: 0 })
      : null,
    'bench-instance',
    end,
    start,
  ];
}
