import { randomUUID } from 'node:crypto';
import { getFlatEntities } from '../../../src/infra/database/flat-entity-reader';
import { startSchedulingKit, SchedulingKit } from '../../kits/scheduling-kit';

/**
 * The lists build entities from raw rows instead of through TypeORM's hydration: every column
 * must come out exactly as TypeORM would give it (dates, booleans, JSON, nulls, numbers), on the
 * database the suite runs on.
 */
describe('getFlatEntities', () => {
  let kit: SchedulingKit;

  beforeAll(async () => {
    kit = await startSchedulingKit();
    const created = new Date('2026-03-28T09:00:00.123Z');
    await kit.taskRows.insert([
      kit.taskRows.create({
        id: randomUUID(),
        taskType: 'test.probe',
        origin: 'api',
        name: 'every value set ❤️',
        description: 'with a description',
        scheduleType: 'cron',
        cronExpression: '30 2 * * *',
        timezone: 'Europe/Berlin',
        enabled: false,
        paused: true,
        payload: { nested: { list: [1, 'two', null] }, flag: true },
        timeoutSeconds: 600,
        anchorAt: created,
        lastRun: new Date('2026-03-29T01:02:03.045Z'),
        nextRun: new Date('9999-12-31T23:59:59.999Z'),
        createdAt: created,
        updatedAt: created,
      }),
      kit.taskRows.create({
        id: randomUUID(),
        taskType: 'test.probe',
        origin: 'api',
        name: 'defaults and nulls',
        scheduleType: 'interval',
        intervalSeconds: 3600,
        anchorAt: created,
        createdAt: new Date(created.getTime() + 1),
        updatedAt: new Date(created.getTime() + 1),
      }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
  });

  it('builds the same task entities as TypeORM does', async () => {
    const query = () =>
      kit.taskRows
        .createQueryBuilder('t')
        .where('t.task_type = :type', { type: 'test.probe' })
        .orderBy('t.created_at', 'ASC');
    const expected = await query().getMany();
    const actual = await getFlatEntities(query());

    expect(expected).toHaveLength(2);
    expect(actual).toEqual(expected);
    expect(actual[0]).toBeInstanceOf(expected[0].constructor);
    expect(actual[0].payload).toEqual({ nested: { list: [1, 'two', null] }, flag: true });
    expect(actual[0].enabled).toBe(false);
    expect(actual[0].nextRun?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(actual[1].payload).toBeNull();
  });

  it('keeps the columns a partial select leaves out unset, as TypeORM does', async () => {
    const query = () =>
      kit.taskRows.createQueryBuilder('t').select(['t.id', 't.name']).orderBy('t.name', 'ASC');
    expect(await getFlatEntities(query())).toEqual(await query().getMany());
  });

  it('leaves queries with joins to TypeORM', async () => {
    const query = () =>
      kit.taskRows
        .createQueryBuilder('t')
        .leftJoin('task_logs', 'r', 'r.task_id = t.id')
        .orderBy('t.created_at', 'ASC');
    expect(await getFlatEntities(query())).toEqual(await query().getMany());
  });
});
