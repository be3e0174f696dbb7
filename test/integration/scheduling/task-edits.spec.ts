import { startSchedulingKit, SchedulingKit } from '../../kits/scheduling-kit';

/** Operators edit tasks the engine is busy with: an edit must not undo what the engine wrote meanwhile. */
describe('editing a task the engine is working on', () => {
  let kit: SchedulingKit;

  beforeAll(async () => {
    kit = await startSchedulingKit();
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('keeps the outcome and the pending retry written after the edit read the task', async () => {
    const task = await kit.createTask({ maxRetries: 3 });
    const stale = await kit.tasks.get(task.id);
    const fire = new Date('2026-11-30T10:00:00Z');
    const retryAt = new Date('2026-11-30T10:05:00Z');
    await kit.state.recordTaskOutcome(task.id, {
      status: 'failed',
      lastRun: fire,
      errorMessage: 'bank timed out',
    });
    expect(await kit.state.scheduleRetry(task.id, fire, 2, retryAt)).toBe(true);

    jest.spyOn(kit.tasks, 'get').mockResolvedValueOnce(stale);
    const edited = await kit.tasks.update(task.id, { name: 'Renamed while failing' });

    expect(edited).toMatchObject({
      name: 'Renamed while failing',
      status: 'failed',
      errorMessage: 'bank timed out',
      retryAttempt: 2,
    });
    expect(edited.retryAt?.toISOString()).toBe(retryAt.toISOString());
    expect(edited.lastRun?.toISOString()).toBe(fire.toISOString());
    expect(edited.nextRun?.toISOString()).toBe(stale.nextRun?.toISOString());
  });

  it('re-times the task when the edit changes its schedule', async () => {
    const task = await kit.createTask({});
    const edited = await kit.tasks.update(task.id, {
      scheduleType: 'cron',
      cron: '0 0 1 1 *',
      timezone: 'Europe/Moscow',
    });
    expect(edited.nextRun?.toISOString()).toMatch(/-12-31T21:00:00\.000Z$/);
    expect(edited.version).toBe(task.version + 1);
  });
});
