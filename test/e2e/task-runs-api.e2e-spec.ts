import request from 'supertest';
import { ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';

const CLEANUP_KEY = 'scheduler.cleanup-logs';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface RunBody {
  id: string;
  status: string;
  task_id: string;
  task_key: string | null;
  task_name: string | null;
  idle: boolean;
  progress: { total: number | null; done: number; current: string | null } | null;
  [field: string]: unknown;
}

describe('tasks addressed by key, runs named, idle runs hidden, progress over HTTP', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_ENABLED: 'false' }, { extraImports: [ProbeTasksModule] });
    http = request(t.app.getHttpServer());
    admin = `Bearer ${t.tokenFor('admin')}`;
  });

  afterAll(async () => {
    await t?.close();
  });

  const api = (path: string): string => `/api/v1${path}`;
  const call = (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) =>
    http[method](api(path)).set('Authorization', admin).send(body);

  async function runAndWait(idOrKey: string): Promise<RunBody> {
    const started = await call('post', `/scheduled-tasks/${idOrKey}/run`).expect(202);
    return waitForEnd(started.body.run_id);
  }

  async function waitForEnd(runId: string, seen: RunBody[] = []): Promise<RunBody> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await call('get', `/task-runs/${runId}`).expect(200);
      if (res.body.status !== 'running') return res.body;
      seen.push(res.body);
      if (Date.now() > deadline) throw new Error(`run ${runId} still running`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function createProbe(body: Record<string, unknown> = {}): Promise<{ id: string }> {
    const res = await call('post', '/scheduled-tasks', {
      task_type: 'test.probe',
      name: 'Probe',
      schedule_type: 'interval',
      interval_seconds: 3600,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('a code-declared task by its key', () => {
    it('answers every task route as it does for the id', async () => {
      const byKey = await call('get', `/scheduled-tasks/${CLEANUP_KEY}`).expect(200);
      const { id } = byKey.body;
      expect(byKey.body).toMatchObject({ code_key: CLEANUP_KEY });
      expect((await call('get', `/scheduled-tasks/${id}`).expect(200)).body).toEqual(byKey.body);

      const patched = await call('patch', `/scheduled-tasks/${CLEANUP_KEY}`, { max_retries: 2 });
      expect(patched.body).toMatchObject({ id, max_retries: 2, operator_modified: true });
      const paused = await call('post', `/scheduled-tasks/${CLEANUP_KEY}/pause`).expect(200);
      expect(paused.body).toMatchObject({ id, paused: true, next_run: null });
      const resumed = await call('post', `/scheduled-tasks/${CLEANUP_KEY}/resume`).expect(200);
      expect(resumed.body).toMatchObject({ id, paused: false });
      const reset = await call('post', `/scheduled-tasks/${CLEANUP_KEY}/reset`).expect(200);
      expect(reset.body).toMatchObject({ id, max_retries: 1, operator_modified: false });
      const fires = await call('get', `/scheduled-tasks/${CLEANUP_KEY}/next-runs?count=2`);
      expect(fires.body).toMatchObject({ task_id: id, next_runs: [{}, {}] });
      expect((await call('get', `/scheduled-tasks/${CLEANUP_KEY}/runs`)).status).toBe(200);
      const removed = await call('delete', `/scheduled-tasks/${CLEANUP_KEY}`);
      expect(removed.status).toBe(409);
    });

    it('404 naming an unknown key on every route', async () => {
      for (const [method, path] of [
        ['get', ''],
        ['patch', ''],
        ['delete', ''],
        ['post', '/run'],
        ['post', '/pause'],
        ['post', '/resume'],
        ['get', '/runs'],
        ['get', '/next-runs'],
      ] as const) {
        const res = await call(method, `/scheduled-tasks/tink.no-such-job${path}`, {});
        expect({
          route: `${method} ${path}`,
          status: res.status,
          message: res.body.message,
        }).toEqual({
          route: `${method} ${path}`,
          status: 404,
          message: 'No scheduled task with key tink.no-such-job',
        });
      }
    });
  });

  it('names the task of every run in the lists: key and name, or a null key for an API task', async () => {
    const probe = await createProbe();
    const probeRun = await runAndWait(probe.id);
    const across = await call('get', '/task-runs?limit=100').expect(200);
    const listed = across.body.items.find((run: RunBody) => run.id === probeRun.id);
    expect(listed).toMatchObject({ task_id: probe.id, task_key: null, task_name: 'Probe' });
    const ofTask = await call('get', `/scheduled-tasks/${probe.id}/runs`).expect(200);
    expect(ofTask.body.items).toEqual([
      expect.objectContaining({ id: probeRun.id, task_name: 'Probe' }),
    ]);
  });

  describe('idle runs', () => {
    let idleRun: RunBody;
    let busyRun: RunBody;

    beforeAll(async () => {
      // Nothing is old enough to delete: the cleanup did nothing.
      idleRun = await runAndWait(CLEANUP_KEY);
      const probe = await createProbe({ name: 'Idle probe', payload: { idle: true } });
      await runAndWait(probe.id);
      busyRun = await runAndWait((await createProbe({ name: 'Busy probe' })).id);
    });

    it('records them, marked idle', () => {
      expect(idleRun).toMatchObject({
        status: 'completed',
        idle: true,
        task_key: CLEANUP_KEY,
        task_name: 'Delete old run history',
        details: { deleted: 0 },
      });
      expect(busyRun.idle).toBe(false);
    });

    it('leaves them out of both lists by default and shows them with include_idle=true', async () => {
      const ids = async (path: string): Promise<string[]> =>
        (await call('get', path).expect(200)).body.items.map((run: RunBody) => run.id);
      const names = async (path: string): Promise<(string | null)[]> =>
        (await call('get', path).expect(200)).body.items.map((run: RunBody) => run.task_name);

      expect(await ids(`/scheduled-tasks/${CLEANUP_KEY}/runs`)).toEqual([]);
      expect(await ids(`/scheduled-tasks/${CLEANUP_KEY}/runs?include_idle=true`)).toEqual([
        idleRun.id,
      ]);
      const hidden = await names('/task-runs?limit=100');
      expect(hidden).toContain('Busy probe');
      expect(hidden).not.toContain('Idle probe');
      expect(hidden).not.toContain('Delete old run history');
      const shown = await names('/task-runs?limit=100&include_idle=true');
      expect(shown).toEqual(
        expect.arrayContaining(['Busy probe', 'Idle probe', 'Delete old run history']),
      );
      expect((await call('get', '/task-runs?include_idle=maybe')).status).toBe(400);
    });
  });

  it('shows a run’s progress while it runs, at most a second old, and its counts at the end', async () => {
    const items = Array.from({ length: 6 }, (_, i) => `n${i}:${i === 4 ? 'failed' : 'succeeded'}`);
    const probe = await createProbe({ payload: { items, item_sleep_ms: 400 } });
    const started = await call('post', `/scheduled-tasks/${probe.id}/run`).expect(202);
    const seen: RunBody[] = [];
    const ended = await waitForEnd(started.body.run_id, seen);

    const withProgress = seen.filter((run) => run.progress !== null);
    expect(withProgress.length).toBeGreaterThan(0);
    const last = withProgress[withProgress.length - 1].progress;
    expect(last).toMatchObject({ total: 6, current: expect.stringMatching(/^item n\d$/) });
    expect(last?.done).toBeGreaterThanOrEqual(1);
    expect(ended).toMatchObject({
      status: 'partial',
      progress: null,
      items_total: 6,
      items_succeeded: 5,
      items_failed: 1,
      retry_items: ['n4'],
    });
  });

  it('404 for an unknown run, 400 for a run id that is not a UUID', async () => {
    const missing = await call('get', `/task-runs/${MISSING_ID}`);
    expect({ status: missing.status, message: missing.body.message }).toEqual({
      status: 404,
      message: `Task run ${MISSING_ID} not found`,
    });
    expect((await call('get', '/task-runs/abc')).body.message).toBe('id must be a UUID');
  });
});
