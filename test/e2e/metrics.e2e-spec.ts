import { register as globalRegistry } from 'prom-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { TaskDefinition } from '../../src/scheduled-tasks/task-definition';
import { RunTrigger } from '../../src/core/scheduling/scheduling.types';
import { TaskDispatcher } from '../../src/core/scheduling/task-dispatcher.service';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import { ProbePayload, ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';
import { schedulingConfig } from '../../src/core/scheduling/scheduling.config';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (one sample per non-comment line). */
function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`Unparseable metrics line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [
          pair[1],
          pair[2],
        ]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and these labels; 0 when the series does not exist yet. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const matching = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (matching.length > 1) throw new Error(`${matching.length} series match ${name}`);
  return matching[0]?.value ?? 0;
}

const PROBE = { task_type: 'test.probe' };

describe('GET /metrics', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  // Timers off: every run and fire in these tests is one the test started.
  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_ENABLED: 'false' }, { extraImports: [ProbeTasksModule] });
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.close();
  });

  async function scrape(): Promise<Sample[]> {
    const res = await http.get('/metrics').expect(200);
    return parseSamples(res.text);
  }

  function createProbeTask(
    payload: ProbePayload,
    definition: Partial<TaskDefinition> = {},
  ): Promise<ScheduledTaskEntity> {
    return t.app.get(ScheduledTaskService).create({
      taskType: 'test.probe',
      ...(definition.scheduleType
        ? {}
        : { scheduleType: 'interval' as const, intervalSeconds: 3600 }),
      maxRetries: 0,
      payload: { ...payload },
      ...definition,
    } as TaskDefinition);
  }

  async function startRun(task: ScheduledTaskEntity, fire: Date, trigger: RunTrigger) {
    const result = await t.app.get(TaskRunner).start(task, fire, trigger);
    if (!result.started) throw new Error(`run refused: ${result.reason}`);
    return result;
  }

  it('serves the Prometheus text format without a token, outside /api/v1, with process metrics', async () => {
    const res = await http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseSamples(res.text);
    const names = new Set(samples.map((sample) => sample.name));
    expect(names).toContain('process_cpu_user_seconds_total');
    expect(names).toContain('nodejs_heap_size_used_bytes');
    expect(valueOf(samples, 'finsync_task_runs_running')).toBe(0);
    // Known task types are exported at zero before their first event.
    expect(res.text).toContain(
      'finsync_task_runs_total{task_type="test.probe",status="completed"} 0',
    );
    expect(res.text).toContain('finsync_task_fires_missed_total{task_type="test.probe"} 0');
    await http.get('/api/v1/metrics').expect(404);
  });

  it('counts finished runs by task type and status and records their duration', async () => {
    const before = await scrape();
    const slow = await createProbeTask({ sleep_ms: 150 });
    const failing = await createProbeTask({ fail: true });
    expect(await (await startRun(slow, new Date(), 'manual')).done).toBe('completed');
    expect(await (await startRun(failing, new Date(), 'manual')).done).toBe('failed');

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = PROBE): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('finsync_task_runs_total', { ...PROBE, status: 'completed' })).toBe(1);
    expect(delta('finsync_task_runs_total', { ...PROBE, status: 'failed' })).toBe(1);
    expect(delta('finsync_task_run_duration_seconds_count')).toBe(2);
    expect(delta('finsync_task_run_duration_seconds_sum')).toBeGreaterThanOrEqual(0.15);
    // The 150 ms run lands above the 0.1 s bucket, the failure (no sleep) below it.
    expect(delta('finsync_task_run_duration_seconds_bucket', { ...PROBE, le: '0.1' })).toBe(1);
    expect(delta('finsync_task_run_duration_seconds_bucket', { ...PROBE, le: '+Inf' })).toBe(2);
    // Manual runs have no schedule to be late against.
    expect(delta('finsync_task_fire_lag_seconds_count')).toBe(0);
  });

  it('observes fire lag (start minus scheduled_for) for scheduled runs', async () => {
    const before = await scrape();
    const task = await createProbeTask({});
    const scheduledFor = new Date(Date.now() - 2000);
    await (
      await startRun(task, scheduledFor, 'schedule')
    ).done;

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = PROBE): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('finsync_task_fire_lag_seconds_count')).toBe(1);
    expect(delta('finsync_task_fire_lag_seconds_sum')).toBeGreaterThanOrEqual(2);
    expect(delta('finsync_task_fire_lag_seconds_sum')).toBeLessThan(3);
    expect(delta('finsync_task_fire_lag_seconds_bucket', { ...PROBE, le: '1' })).toBe(0);
    expect(delta('finsync_task_fire_lag_seconds_bucket', { ...PROBE, le: '5' })).toBe(1);
  });

  it('shows runs in progress and counts fires the overlap policy skipped', async () => {
    const before = await scrape();
    const task = await createProbeTask({ sleep_ms: 600 });
    const running = await startRun(task, new Date(), 'manual');
    expect(valueOf(await scrape(), 'finsync_task_runs_running')).toBe(1);

    const overlapping = await t.app.get(TaskRunner).start(task, new Date(), 'schedule');
    expect(overlapping).toEqual({ started: false, reason: 'overlap_skipped' });
    await running.done;

    const after = await scrape();
    expect(valueOf(after, 'finsync_task_runs_running')).toBe(0);
    expect(
      valueOf(after, 'finsync_task_fires_skipped_total', PROBE) -
        valueOf(before, 'finsync_task_fires_skipped_total', PROBE),
    ).toBe(1);
  });

  it('counts fires the misfire policy recorded as missed', async () => {
    const before = await scrape();
    const task = await createProbeTask(
      {},
      { scheduleType: 'cron', cron: '0 * * * *', misfirePolicy: 'skip' },
    );
    // Five hourly fires (08:00 … 12:00) overdue at 12:30 with policy skip: all missed, none run.
    await t.app
      .get(DataSource)
      .getRepository(ScheduledTaskEntity)
      .update({ id: task.id }, { nextRun: new Date('2030-01-01T08:00:00Z') });
    const overdue = await t.app.get(ScheduledTaskService).get(task.id);
    await t.app.get(TaskDispatcher).fireDue(overdue, new Date('2030-01-01T12:30:00Z'));

    const after = await scrape();
    expect(
      valueOf(after, 'finsync_task_fires_missed_total', PROBE) -
        valueOf(before, 'finsync_task_fires_missed_total', PROBE),
    ).toBe(5);
    expect(valueOf(after, 'finsync_task_runs_total', { ...PROBE, status: 'missed' })).toBe(0);
  });

  it('keeps metrics per application instance, off the prom-client global registry', async () => {
    const other = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    try {
      const otherSamples = parseSamples(
        (await request(other.app.getHttpServer()).get('/metrics').expect(200)).text,
      );
      expect(otherSamples.some((sample) => sample.labels.task_type === 'test.probe')).toBe(false);
      const globalNames = (await globalRegistry.getMetricsAsJSON()).map((metric) => metric.name);
      expect(globalNames.filter((name) => name.startsWith('finsync_'))).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('GET /health: scheduler', () => {
  let enabled: TestApp;
  let disabled: TestApp;

  beforeAll(async () => {
    [enabled, disabled] = await Promise.all([
      startTestApp(),
      startTestApp({ SCHEDULER_ENABLED: 'false' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([enabled?.close(), disabled?.close()]);
  });

  it('reports a running scheduler with its instance id and latest dispatch pass', async () => {
    const dispatcher = enabled.app.get(TaskDispatcher);
    for (let waited = 0; !dispatcher.lastPass && waited < 3000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const res = await request(enabled.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.scheduler).toEqual({
      status: 'up',
      enabled: true,
      running: true,
      instance_id: enabled.config.get(schedulingConfig).instanceId,
      last_dispatch: expect.any(String),
    });
    const lastDispatch = Date.parse(res.body.details.scheduler.last_dispatch);
    expect(Date.now() - lastDispatch).toBeLessThan(5000);
  });

  it('503 naming the scheduler when the dispatcher has not passed for 3 polls + 10 s', async () => {
    const dispatcher = enabled.app.get(TaskDispatcher);
    const stale = jest
      .spyOn(dispatcher, 'lastPass', 'get')
      .mockReturnValue(new Date(Date.now() - 20_000));
    try {
      const res = await request(enabled.app.getHttpServer()).get('/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.details.database.status).toBe('up');
      expect(res.body.details.scheduler).toMatchObject({
        status: 'down',
        enabled: true,
        message: expect.stringMatching(/^No dispatch pass for 2\ds \(limit 13s\)$/),
      });
    } finally {
      stale.mockRestore();
    }
    await request(enabled.app.getHttpServer()).get('/health').expect(200);
  });

  it('reports a disabled scheduler as up with enabled: false', async () => {
    const res = await request(disabled.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.scheduler).toEqual({
      status: 'up',
      enabled: false,
      running: false,
      instance_id: disabled.config.get(schedulingConfig).instanceId,
      last_dispatch: null,
    });
  });
});
