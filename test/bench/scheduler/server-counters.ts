import { Pool, RowDataPacket } from 'mysql2/promise';

const COUNTERS = [
  'Questions',
  'Com_select',
  'Com_insert',
  'Com_update',
  'Com_delete',
  'Innodb_rows_read',
  'Innodb_row_lock_waits',
  'Innodb_row_lock_time',
  'Handler_read_next',
] as const;

export type CounterName = (typeof COUNTERS)[number];
export type ServerCounters = Partial<Record<CounterName, number>>;

/** The database server's global counters; their growth over a window says what the engine asked of it. */
export async function readServerCounters(pool: Pool): Promise<ServerCounters> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      `SHOW GLOBAL STATUS WHERE Variable_name IN (${COUNTERS.map(() => '?').join(', ')})`,
      [...COUNTERS],
    );
    return Object.fromEntries(
      rows.map((row) => [String(row.Variable_name), Number(row.Value)]),
    ) as ServerCounters;
  } catch {
    return {};
  }
}

/** Growth of each counter between two readings, divided by `per` (e.g. fires executed). */
export function counterGrowth(
  before: ServerCounters,
  after: ServerCounters,
  per: number,
): ServerCounters {
  const growth: ServerCounters = {};
  for (const name of COUNTERS) {
    const start = before[name];
    const end = after[name];
    if (start !== undefined && end !== undefined && per > 0) growth[name] = (end - start) / per;
  }
  return growth;
}
