import { randomUUID } from 'node:crypto';
import { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { startSchedulingKit, SchedulingKit } from '../../kits/scheduling-kit';

const TASKS = 10_000;
const RUNS_PER_TASK = 2;

interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * The API's lists read one page in index order, whatever the table's size: the query plan of each
 * list has no sort of the whole table (MySQL "Using filesort", SQLite "USE TEMP B-TREE").
 */
describe('query plans of the task list and the run history', () => {
  let kit: SchedulingKit;
  let dataSource: DataSource;
  let captured: CapturedQuery[] = [];

  beforeAll(async () => {
    kit = await startSchedulingKit();
    dataSource = kit.app.get(DataSource);
    await seed();
    const logger = dataSource.logger;
    Object.defineProperty(dataSource, 'logger', {
      value: new Proxy(logger, {
        get: (target, property, receiver) =>
          property === 'logQuery'
            ? (sql: string, parameters?: unknown[]) =>
                captured.push({ sql, parameters: parameters ?? [] })
            : Reflect.get(target, property, receiver),
      }) satisfies TypeOrmLogger,
    });
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
  });

  async function seed(): Promise<void> {
    const start = Date.now() - TASKS * 1000;
    const tasks = Array.from({ length: TASKS }, (_, i) =>
      kit.taskRows.create({
        id: randomUUID(),
        taskType: 'test.probe',
        origin: 'api',
        name: `probe ${i}`,
        scheduleType: 'interval',
        intervalSeconds: 3600,
        anchorAt: new Date(start),
        createdAt: new Date(start + i * 1000),
        updatedAt: new Date(start + i * 1000),
      }),
    );
    const runs = tasks.flatMap((task, i) =>
      Array.from({ length: RUNS_PER_TASK }, (_, attempt) =>
        kit.runRows.create({
          id: randomUUID(),
          taskId: task.id,
          scheduledFor: task.createdAt,
          trigger: 'schedule',
          attempt: attempt + 1,
          status: i % 10 === 0 ? 'failed' : 'completed',
          executionStart: new Date(task.createdAt.getTime() + attempt * 100),
        }),
      ),
    );
    for (let i = 0; i < tasks.length; i += 500) await kit.taskRows.insert(tasks.slice(i, i + 500));
    for (let i = 0; i < runs.length; i += 500) await kit.runRows.insert(runs.slice(i, i + 500));
    if (kit.db.engine === 'mysql')
      await dataSource.query('ANALYZE TABLE scheduled_tasks, task_logs');
    else await dataSource.query('ANALYZE');
  }

  /** The plan of the one SELECT a list call sent, in words. */
  async function planOf(list: () => Promise<unknown>): Promise<string> {
    captured = [];
    await list();
    const selects = captured.filter(({ sql }) => /^\s*SELECT/i.test(sql));
    expect(selects).toHaveLength(1);
    const [{ sql, parameters }] = selects;
    if (kit.db.engine === 'mysql') {
      const rows: { key: string | null; Extra: string | null }[] = await dataSource.query(
        `EXPLAIN ${sql}`,
        parameters,
      );
      return rows.map((row) => `key=${row.key} ${row.Extra ?? ''}`).join('; ');
    }
    const rows: { detail: string }[] = await dataSource.query(
      `EXPLAIN QUERY PLAN ${sql}`,
      parameters,
    );
    return rows.map((row) => row.detail).join('; ');
  }

  function expectIndexOrder(plan: string, index: string): void {
    expect(plan).toContain(index);
    expect(plan).not.toMatch(/filesort|TEMP B-TREE/i);
  }

  it('pages tasks oldest first along idx_scheduled_tasks_created', async () => {
    const first = await kit.tasks.list({}, 50);
    expect(first.items).toHaveLength(50);
    expectIndexOrder(await planOf(() => kit.tasks.list({}, 50)), 'idx_scheduled_tasks_created');
    expectIndexOrder(
      await planOf(() => kit.tasks.list({}, 50, first.next_cursor as string)),
      'idx_scheduled_tasks_created',
    );
  });

  it('pages runs newest first along idx_task_logs_start, and of one status along idx_task_logs_status_start', async () => {
    const first = await kit.tasks.listRuns({}, 50);
    expect(first.items).toHaveLength(50);
    expectIndexOrder(await planOf(() => kit.tasks.listRuns({}, 50)), 'idx_task_logs_start');
    expectIndexOrder(
      await planOf(() => kit.tasks.listRuns({}, 50, first.next_cursor as string)),
      'idx_task_logs_start',
    );
    expectIndexOrder(
      await planOf(() => kit.tasks.listRuns({ statuses: ['failed'] }, 50)),
      'idx_task_logs_status_start',
    );
  });
});
