import request from 'supertest';
import { TINK_SYNC_TASK_KEY } from '../../src/banking/providers/tink/tink.tasks';
import { Clock } from '../../src/core/scheduling/clock';
import { TaskStateStore } from '../../src/core/scheduling/store/task-state.store';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { BankingKit, LinkedUser, startBankingKit } from '../kits/banking-kit';

const api = (path: string): string => `/api/v1${path}`;

interface RunBody {
  id: string;
  status: string;
  scheduled_for: string;
  progress: { total: number | null; done: number; current: string | null } | null;
  [field: string]: unknown;
}

/** One sample of the Prometheus text, 0 when the series is absent. */
function metric(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    const have = labelText.split(',');
    if (wanted.every((pair) => have.includes(pair))) return Number(line.split(' ').pop());
  }
  return 0;
}

describe('a Tink run with one failing connection over HTTP: partial, progress, retry of the failed one', () => {
  let kit: BankingKit;
  let http: ReturnType<typeof request>;
  let admin: string;
  let linked: LinkedUser[];
  let failing: LinkedUser;
  let partialRun: RunBody;
  const progressSeen: RunBody[] = [];

  const get = async (path: string): Promise<request.Response> =>
    http.get(path).set('Authorization', admin);

  beforeAll(async () => {
    kit = await startBankingKit({ TINK_SYNC_CONCURRENCY: '1' });
    http = request(kit.app.getHttpServer());
    admin = `Bearer ${kit.tokenFor('admin', 999)}`;
    linked = [];
    for (let i = 0; i < 4; i += 1) linked.push(await kit.linkUser());
    failing = linked[2];
    kit.sim.control.injectFault({
      route: 'transactions.list',
      credentialId: failing.credential.id,
      kind: 'status',
      status: 503,
      times: null,
    });
    // Slow enough that the run lasts a few seconds and its progress can be watched.
    kit.sim.control.setLatency(60);

    const started = await http
      .post(api(`/scheduled-tasks/${TINK_SYNC_TASK_KEY}/run`))
      .set('Authorization', admin)
      .expect(202);
    const runId: string = started.body.run_id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await get(api(`/task-runs/${runId}`));
      expect(res.status).toBe(200);
      if (res.body.status !== 'running') {
        partialRun = res.body;
        break;
      }
      if (res.body.progress) progressSeen.push(res.body);
      if (Date.now() > deadline) throw new Error('the run did not end within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    kit.sim.control.setLatency(0);
  }, 90_000);

  afterAll(async () => {
    await kit?.close();
  });

  it('shows the progress of the fan-out while it runs: connections done of total, the current one', () => {
    expect(progressSeen.length).toBeGreaterThan(0);
    for (const seen of progressSeen) expect(seen.progress?.total).toBe(4);
    // The first publication may come before the first connection starts; later ones name it.
    const current = progressSeen.map((seen) => seen.progress?.current).filter(Boolean);
    expect(current.length).toBeGreaterThan(0);
    for (const label of current) expect(label).toMatch(/^connection \d+$/);
    const done = progressSeen.map((seen) => seen.progress?.done ?? 0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(partialRun.progress).toBeNull();
  });

  it('records the run as partial with its item counts, key and name', () => {
    expect(partialRun).toMatchObject({
      status: 'partial',
      task_key: TINK_SYNC_TASK_KEY,
      task_name: 'Sync Tink connections',
      items_total: 4,
      items_succeeded: 3,
      items_failed: 1,
      items_skipped: 0,
      retry_items: [String(failing.connection.id)],
    });
    expect(partialRun.error_message).toMatch(/3\/4 successful, 1 failed/);
  });

  it('finds it with ?status=partial across tasks and on the task addressed by key, not with failed', async () => {
    const across = await get(api('/task-runs?status=partial'));
    expect(across.body.items.map((run: RunBody) => run.id)).toEqual([partialRun.id]);
    expect(across.body.items[0]).toMatchObject({ task_key: TINK_SYNC_TASK_KEY });
    const ofTask = await get(api(`/scheduled-tasks/${TINK_SYNC_TASK_KEY}/runs?status=partial`));
    expect(ofTask.body.items.map((run: RunBody) => run.id)).toEqual([partialRun.id]);
    const failed = await get(api('/task-runs?status=failed'));
    expect(failed.body.items).toEqual([]);
    const task = await get(api(`/scheduled-tasks/${TINK_SYNC_TASK_KEY}`));
    // Its retry is scheduled like a failed run's.
    expect(task.body).toMatchObject({ status: 'partial', retry_at: expect.any(String) });
  });

  it('counts the run as partial and its connections by outcome in the metrics', async () => {
    const text = (await http.get('/metrics').expect(200)).text;
    const task = { task_type: TINK_SYNC_TASK_KEY };
    expect(metric(text, 'finsync_task_runs_total', { ...task, status: 'partial' })).toBe(1);
    expect(metric(text, 'finsync_task_runs_total', { ...task, status: 'completed' })).toBe(0);
    const items = (outcome: string): number =>
      metric(text, 'finsync_task_run_items_total', { ...task, outcome });
    expect([items('succeeded'), items('failed'), items('skipped')]).toEqual([3, 1, 0]);
  });

  it('retries only the failed connection, never the ones that finished', async () => {
    kit.sim.control.clearFaults();
    const others = linked.filter((user) => user !== failing);
    const before = await Promise.all(
      others.map(async (user) => (await kit.connection(user.connection.id)).lastSyncAt),
    );
    const requestsBefore = kit.sim.control.counters().requests;

    // What the dispatcher does when the retry comes due.
    const task = await kit.app.get(ScheduledTaskService).findByIdOrKey(TINK_SYNC_TASK_KEY);
    expect(task.retryScheduledFor?.toISOString()).toBe(partialRun.scheduled_for);
    expect(await kit.app.get(TaskStateStore).claimRetry(task)).toBe(true);
    const retry = await kit.app
      .get(TaskRunner)
      .start(task, task.retryScheduledFor as Date, 'retry', task.retryAttempt as number);
    if (!retry.started) throw new Error(`retry not started: ${retry.reason}`);
    expect(await retry.done).toBe('completed');

    const res = await get(api(`/task-runs/${retry.runId}`));
    expect(res.body).toMatchObject({
      status: 'completed',
      trigger: 'retry',
      attempt: 2,
      items_total: 1,
      items_succeeded: 1,
      items_failed: 0,
      retry_items: [String(failing.connection.id)],
    });
    const repaired = await kit.connection(failing.connection.id);
    expect(repaired).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(repaired.lastSuccessAt?.getTime()).toBeGreaterThanOrEqual(
      kit.app.get(Clock).now().getTime() - 60_000,
    );
    const after = await Promise.all(
      others.map(async (user) => (await kit.connection(user.connection.id)).lastSyncAt),
    );
    expect(after).toEqual(before);
    // One connection's worth of requests, not four.
    expect(kit.sim.control.counters().requests - requestsBefore).toBeLessThan(15);
  });
});
