import { In } from 'typeorm';
import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { NextRunClaim } from '../../../src/core/scheduling/store/task-state.store';
import { startSchedulingKit, SchedulingKit } from '../../kits/scheduling-kit';

/** The dispatcher's hot path works on batches: one claim, one run insert, one outcome write per batch. */
describe('Batched claims and outcomes on a real database', () => {
  let a: SchedulingKit;
  let b: SchedulingKit;

  beforeAll(async () => {
    a = await startSchedulingKit({ SCHEDULER_INSTANCE_ID: 'batch-a' });
    b = await startSchedulingKit({ SCHEDULER_INSTANCE_ID: 'batch-b' }, a.db);
  });

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  /** Creates tasks and makes them due at `fire` (as after a dispatcher pass found them). */
  async function dueTasks(
    count: number,
    fire: Date,
    payload: Record<string, unknown> = {},
  ): Promise<ScheduledTaskEntity[]> {
    const tasks: ScheduledTaskEntity[] = [];
    for (let i = 0; i < count; i++)
      tasks.push(await a.createTask({ overlapPolicy: 'skip', payload }));
    await a.taskRows.update({ id: In(tasks.map((task) => task.id)) }, { nextRun: fire });
    for (const task of tasks) task.nextRun = fire;
    return tasks;
  }

  const claimAt = (now: Date) => (task: ScheduledTaskEntity) => ({
    task,
    nextRun: new Date(now.getTime() + 3_600_000),
    markRunning: true,
  });

  it('two instances claiming the same due tasks at once run every fire exactly once', async () => {
    const fire = new Date('2031-01-01T00:00:00Z');
    const tasks = await dueTasks(60, fire);
    const ids = new Set(tasks.map((task) => task.id));
    const claimIn = async (kit: SchedulingKit): Promise<NextRunClaim[]> => {
      const claims = await kit.state.claimDueTasks(fire, 500, claimAt(fire));
      const ours = claims.filter((claim) => ids.has(claim.task.id));
      const results = await kit.app
        .get(TaskRunner)
        .startMany(ours.map(({ task }) => ({ task, fire, trigger: 'schedule' as const })));
      await Promise.all(results.map((result) => (result.started ? result.done : null)));
      return ours;
    };
    const [claimedByA, claimedByB] = await Promise.all([claimIn(a), claimIn(b)]);

    const claimed = new Set([...claimedByA, ...claimedByB].map((claim) => claim.task.id));
    expect(claimed).toEqual(ids);
    // MySQL locks the rows it reads (SKIP LOCKED), so the two claims are disjoint.
    if (a.db.engine === 'mysql') expect(claimedByA.length + claimedByB.length).toBe(60);
    const rows = await a.runRows.findBy({ taskId: In([...ids]) });
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.status === 'completed')).toBe(true);
    expect(new Set(rows.map((row) => row.taskId))).toEqual(ids);
    const after = await a.taskRows.findBy({ id: In([...ids]) });
    expect(after.map((task) => task.nextRun?.toISOString())).toEqual(
      after.map(() => '2031-01-01T01:00:00.000Z'),
    );
    expect(after.every((task) => task.status === 'completed' && task.lastRun !== null)).toBe(true);
  });

  it('wins a claim once, and leaves a task alone whose next_run changed after the read', async () => {
    const fire = new Date('2031-02-01T00:00:00Z');
    const [single] = await dueTasks(1, fire);
    expect(await a.state.claimNextRuns([claimAt(fire)(single)], fire)).toHaveLength(1);
    expect(await b.state.claimNextRuns([claimAt(fire)(single)], fire)).toEqual([]);

    const [kept, edited] = await dueTasks(2, fire);
    const edit = new Date('2031-03-01T00:00:00Z');
    await a.taskRows.update({ id: edited.id }, { nextRun: edit });
    const partial = await a.state.claimNextRuns([kept, edited].map(claimAt(fire)), fire);
    expect(partial.map((claim) => claim.task.id)).toEqual([kept.id]);
    expect((await a.settings.findTask(edited.id))?.nextRun?.toISOString()).toBe(edit.toISOString());
  });

  it('starts the rest of a batch when one fire is already claimed elsewhere', async () => {
    const fire = new Date('2031-04-01T00:00:00Z');
    const tasks = await dueTasks(5, fire);
    const taken = await b.app.get(TaskRunner).start(tasks[2], fire, 'schedule');
    expect(taken.started).toBe(true);
    if (taken.started) await taken.done;

    const results = await a.app
      .get(TaskRunner)
      .startMany(tasks.map((task) => ({ task, fire, trigger: 'schedule' as const })));
    expect(results.map((result) => result.started)).toEqual([true, true, false, true, true]);
    expect(results[2]).toEqual({ started: false, reason: 'claimed_elsewhere' });
    await Promise.all(results.map((result) => (result.started ? result.done : null)));
    const rows = await a.runRows.findBy({ taskId: In(tasks.map((task) => task.id)) });
    expect(rows.map((row) => row.instanceId).sort()).toEqual([
      'batch-a',
      'batch-a',
      'batch-a',
      'batch-a',
      'batch-b',
    ]);
  });

  it('skips only the fires of tasks with a run in progress, and records every skip', async () => {
    const fire = new Date('2031-05-01T00:00:00Z');
    const busy = await dueTasks(2, fire, { sleep_ms: 400 });
    const [idle] = await dueTasks(1, fire);
    const runner = a.app.get(TaskRunner);
    const long = await runner.startMany(
      busy.map((task) => ({ task, fire: new Date(fire.getTime() - 60_000), trigger: 'schedule' })),
    );
    expect(long.map((result) => result.started)).toEqual([true, true]);

    const results = await runner.startMany([
      { task: busy[0], fire, trigger: 'schedule' },
      { task: idle, fire, trigger: 'schedule' },
      { task: busy[1], fire, trigger: 'schedule' },
    ]);
    expect(results[0]).toEqual({ started: false, reason: 'overlap_skipped' });
    expect(results[1].started).toBe(true);
    expect(results[2]).toEqual({ started: false, reason: 'overlap_skipped' });
    await Promise.all([...long, ...results].map((result) => (result.started ? result.done : null)));
    const skipped = await a.runRows.findBy({
      taskId: In(busy.map((task) => task.id)),
      scheduledFor: fire,
    });
    expect(skipped.map((row) => [row.taskId, row.status, row.errorMessage]).sort()).toEqual(
      busy.map((task) => [task.id, 'skipped', 'previous run still running']).sort(),
    );
  });

  it('records a batch of outcomes but not the one a sweeper already marked interrupted', async () => {
    const fire = new Date('2031-06-01T00:00:00Z');
    const tasks = await dueTasks(3, fire, { sleep_ms: 300 });
    const results = await a.app
      .get(TaskRunner)
      .startMany(tasks.map((task) => ({ task, fire, trigger: 'schedule' as const })));
    const runIds = results.map((result) => (result.started ? result.runId : ''));
    const [victim] = await a.runRows.findBy({ id: runIds[1] });
    expect(await a.ledger.markInterrupted(victim, new Date(), 'test sweeper')).toBe(true);

    const statuses = await Promise.all(
      results.map((result) => (result.started ? result.done : null)),
    );
    expect(statuses).toEqual(['completed', 'interrupted', 'completed']);
    const rows = await a.runRows.findBy({ id: In(runIds) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(runIds[0])?.status).toBe('completed');
    expect(byId.get(runIds[1])).toMatchObject({
      status: 'interrupted',
      errorMessage: 'test sweeper',
    });
    expect(byId.get(runIds[2])?.status).toBe('completed');
  });
});
