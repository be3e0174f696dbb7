import { Pool, RowDataPacket } from 'mysql2/promise';
import { firesBetween } from '../../../src/core/scheduling/time/next-fire';
import { BENCH_TASK_TYPE } from './bench-noop.module';
import { summariseLags } from './lag-histogram';
import { Scenario } from './scenarios';
import { distinctCrons } from './task-seeder';
import { LagSummary } from './worker-messages';

/** Statuses of a fire that did execute (or is executing). */
const EXECUTED = ['completed', 'running', 'failed', 'timed_out', 'interrupted'];
const EXECUTED_SQL = EXECUTED.map((status) => `'${status}'`).join(', ');

export interface MeasurementWindow {
  start: number;
  end: number;
}

export interface FireLedgerFigures {
  expectedFires: number;
  /** Fires of the window with an executed row. */
  executedFires: number;
  /** Expected fires of the window with no executed row (missed, skipped or absent). */
  lostFires: number;
  /** Executed rows of the window that match no fire of their task's schedule. */
  unexpectedRuns: number;
  /**
   * Fires since the window began whose claim moved the task's next_run on, yet left no task_logs
   * row at all (not even missed/skipped) by the time the instances had stopped: lost silently,
   * typically at shutdown.
   */
  claimedWithoutRecord: number;
  /** A few of those: task id and the fire that vanished, to look up in the instances' logs. */
  claimedWithoutRecordSample: { taskId: string; fire: string }[];
  /** Fires (whole run, not only the window) with more than one completed/running row. */
  duplicateFires: number;
  lag: LagSummary;
  /** Runs started per second during the window. */
  firesPerSecond: number;
  expectedFiresPerSecond: number;
  /** task_logs rows of the window by status, and by trigger. */
  statuses: Record<string, number>;
  triggers: Record<string, number>;
  /** Rows before the window (boot, catch-up, warm-up) by status. */
  warmupStatuses: Record<string, number>;
  runsByInstance: Record<string, number>;
}

/** Reads what happened from task_logs, the engine's own ledger, and checks it against the schedules. */
export async function analyseFireLedger(
  pool: Pool,
  scenario: Scenario,
  window: MeasurementWindow,
): Promise<FireLedgerFigures> {
  const range = [new Date(window.start), new Date(window.end)];
  const seconds = (window.end - window.start) / 1000;
  await writeExpectedFires(pool, scenario, window);
  const expectedFires = await countOne(
    pool,
    `SELECT COUNT(*) AS n FROM scheduled_tasks t
       JOIN bench_expected_fires e ON e.cron_expression = t.cron_expression
      WHERE t.task_type = ?`,
    [BENCH_TASK_TYPE],
  );
  const lostFires = await countOne(
    pool,
    `SELECT COUNT(*) AS n FROM scheduled_tasks t
       JOIN bench_expected_fires e ON e.cron_expression = t.cron_expression
      WHERE t.task_type = ? AND NOT EXISTS (
        SELECT 1 FROM task_logs l
         WHERE l.task_id = t.id AND l.scheduled_for = e.scheduled_for AND l.status IN (${EXECUTED_SQL}))`,
    [BENCH_TASK_TYPE],
  );
  const unexpectedRuns = await countOne(
    pool,
    `SELECT COUNT(*) AS n FROM task_logs l
       JOIN scheduled_tasks t ON t.id = l.task_id
       LEFT JOIN bench_expected_fires e
         ON e.cron_expression = t.cron_expression AND e.scheduled_for = l.scheduled_for
      WHERE t.task_type = ? AND l.scheduled_for >= ? AND l.scheduled_for < ?
        AND l.status IN (${EXECUTED_SQL}) AND e.cron_expression IS NULL`,
    [BENCH_TASK_TYPE, ...range],
  );
  const duplicateFires = await countOne(
    pool,
    `SELECT COUNT(*) AS n FROM (
       SELECT l.task_id, l.scheduled_for FROM task_logs l
         JOIN scheduled_tasks t ON t.id = l.task_id
        WHERE t.task_type = ? AND l.status IN ('completed', 'running')
        GROUP BY l.task_id, l.scheduled_for HAVING COUNT(*) > 1) twice`,
    [BENCH_TASK_TYPE],
  );
  const vanished = await claimedWithoutRecordOf(pool, scenario, range[0]);
  const startedInWindow = await countOne(
    pool,
    `SELECT COUNT(*) AS n FROM task_logs l JOIN scheduled_tasks t ON t.id = l.task_id
      WHERE t.task_type = ? AND l.execution_start >= ? AND l.execution_start < ?
        AND l.status IN (${EXECUTED_SQL})`,
    [BENCH_TASK_TYPE, ...range],
  );
  const rows = await windowRows(pool, range);
  const executed = rows.filter((row) => EXECUTED.includes(row.status));
  return {
    expectedFires,
    executedFires: new Set(executed.map((row) => `${row.taskId}/${row.scheduledFor}`)).size,
    lostFires,
    unexpectedRuns,
    claimedWithoutRecord: vanished.length,
    claimedWithoutRecordSample: vanished.slice(0, 5),
    duplicateFires,
    lag: summariseLags(executed.filter((row) => row.attempt === 1).map((row) => row.lagMs)),
    firesPerSecond: startedInWindow / seconds,
    expectedFiresPerSecond: expectedFires / seconds,
    statuses: tally(rows.map((row) => row.status)),
    triggers: tally(rows.map((row) => row.trigger)),
    warmupStatuses: await statusesBefore(pool, range[0]),
    runsByInstance: tally(executed.map((row) => row.instanceId)),
  };
}

/** Every fire of the window per distinct cron expression, computed with the engine's own calendar. */
async function writeExpectedFires(
  pool: Pool,
  scenario: Scenario,
  window: MeasurementWindow,
): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS bench_expected_fires');
  await pool.query(
    `CREATE TABLE bench_expected_fires (
       cron_expression VARCHAR(120) NOT NULL, scheduled_for DATETIME(3) NOT NULL,
       PRIMARY KEY (cron_expression, scheduled_for))`,
  );
  const rows: [string, Date][] = [];
  for (const expression of distinctCrons(scenario)) {
    const { fires } = firesBetween(
      { kind: 'cron', expression, timeZone: 'UTC' },
      new Date(window.start - 1),
      new Date(window.end - 1),
      100_000,
    );
    for (const fire of fires) rows.push([expression, fire]);
  }
  for (let first = 0; first < rows.length; first += 5000)
    await pool.query('INSERT INTO bench_expected_fires (cron_expression, scheduled_for) VALUES ?', [
      rows.slice(first, first + 5000),
    ]);
}

/** Tasks whose previous fire (next_run − period), claimed since `since`, has no row at all. */
async function claimedWithoutRecordOf(
  pool: Pool,
  scenario: Scenario,
  since: Date,
): Promise<{ taskId: string; fire: string }[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT t.id, CAST(t.next_run - INTERVAL ? SECOND AS CHAR) AS fire FROM scheduled_tasks t
      WHERE t.task_type = ? AND t.next_run - INTERVAL ? SECOND >= ?
        AND NOT EXISTS (
          SELECT 1 FROM task_logs l
           WHERE l.task_id = t.id AND l.scheduled_for = t.next_run - INTERVAL ? SECOND)`,
    [
      scenario.periodSeconds,
      BENCH_TASK_TYPE,
      scenario.periodSeconds,
      since,
      scenario.periodSeconds,
    ],
  );
  return rows.map((row) => ({ taskId: String(row.id), fire: String(row.fire) }));
}

interface WindowRow {
  taskId: string;
  scheduledFor: string;
  status: string;
  trigger: string;
  attempt: number;
  instanceId: string;
  lagMs: number;
}

async function windowRows(pool: Pool, range: Date[]): Promise<WindowRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT l.task_id, CAST(l.scheduled_for AS CHAR) AS scheduled_for, l.status, l.\`trigger\`,
            l.attempt, l.instance_id,
            TIMESTAMPDIFF(MICROSECOND, l.scheduled_for, l.execution_start) / 1000 AS lag_ms
       FROM task_logs l JOIN scheduled_tasks t ON t.id = l.task_id
      WHERE t.task_type = ? AND l.scheduled_for >= ? AND l.scheduled_for < ?`,
    [BENCH_TASK_TYPE, ...range],
  );
  return rows.map((row) => ({
    taskId: String(row.task_id),
    scheduledFor: String(row.scheduled_for),
    status: String(row.status),
    trigger: String(row.trigger),
    attempt: Number(row.attempt),
    instanceId: String(row.instance_id ?? 'none'),
    lagMs: Number(row.lag_ms),
  }));
}

async function statusesBefore(pool: Pool, start: Date): Promise<Record<string, number>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT l.status, COUNT(*) AS n FROM task_logs l JOIN scheduled_tasks t ON t.id = l.task_id
      WHERE t.task_type = ? AND l.scheduled_for < ? GROUP BY l.status`,
    [BENCH_TASK_TYPE, start],
  );
  return Object.fromEntries(rows.map((row) => [String(row.status), Number(row.n)]));
}

async function countOne(pool: Pool, sql: string, params: unknown[]): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(sql, params);
  return Number(rows[0].n);
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
