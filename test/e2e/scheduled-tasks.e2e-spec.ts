import request from 'supertest';
import { ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';
import { schedulingConfig } from '../../src/core/scheduling/scheduling.config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const CLEANUP_KEY = 'scheduler.cleanup-logs';
const TINK_SYNC_KEY = 'tink.sync-connections';
const IMPORT_KEY = 'credit-portfolio.import-ftp';

interface TaskBody {
  id: string;
  name: string;
  next_run: string | null;
  [field: string]: unknown;
}

interface RunBody {
  id: string;
  status: string;
  [field: string]: unknown;
}

/** The next instant after now at which a daily UTC clock shows hour:minute. */
function nextDailyUtc(hour: number, minute: number): string {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute);
  return new Date(today > now.getTime() ? today : today + 86_400_000).toISOString();
}

describe('scheduled tasks API over HTTP', () => {
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

  async function createTask(body: Record<string, unknown>): Promise<TaskBody> {
    const res = await http.post(api('/scheduled-tasks')).set('Authorization', admin).send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  }

  async function badRequest(
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): Promise<string> {
    const res = await http[method](api(path)).set('Authorization', admin).send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400 });
    return res.body.message;
  }

  async function runNow(taskId: string): Promise<string> {
    const res = await http
      .post(api(`/scheduled-tasks/${taskId}/run`))
      .set('Authorization', admin)
      .expect(202);
    expect(res.body).toEqual({ run_id: expect.stringMatching(UUID), status: 'started' });
    return res.body.run_id;
  }

  async function waitForRunToEnd(taskId: string, runId: string): Promise<RunBody> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await http
        .get(api(`/scheduled-tasks/${taskId}/runs?include_idle=true`))
        .set('Authorization', admin)
        .expect(200);
      const run = (res.body.items as RunBody[]).find((item) => item.id === runId);
      if (run && run.status !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status} after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  describe('auth', () => {
    it.each([
      ['get', '/scheduled-tasks'],
      ['post', '/scheduled-tasks/preview'],
      ['get', '/task-runs'],
      ['get', '/scheduler/status'],
      ['get', '/scheduler/jobs'],
    ] as const)('%s %s: 401 without a token, 403 with a user token', async (method, path) => {
      const anonymous = await http[method](api(path)).expect(401);
      expect(anonymous.body.message).toBe('Missing bearer token in the Authorization header');
      const user = await http[method](api(path))
        .set('Authorization', `Bearer ${t.tokenFor('user')}`)
        .expect(403);
      expect(user.body.message).toBe('This route requires role admin');
    });
  });

  describe('CRUD', () => {
    it('creates, reads, patches and deletes a task', async () => {
      const created = await createTask({
        task_type: 'test.probe',
        source_id: 'crud-1',
        name: 'Probe once',
        description: 'round trip',
        schedule_type: 'once',
        run_at: '2030-01-01T00:00:00+02:00',
        timezone: 'Europe/Berlin',
        payload: { sleep_ms: 5 },
        overlap_policy: 'buffer_one',
        misfire_policy: 'skip',
        misfire_grace_seconds: 0,
        max_retries: 0,
        retry_delay_seconds: 10,
        timeout_seconds: 30,
      });
      expect(created).toEqual({
        id: expect.stringMatching(UUID),
        task_type: 'test.probe',
        source_id: 'crud-1',
        name: 'Probe once',
        description: 'round trip',
        schedule_type: 'once',
        cron: null,
        interval_seconds: null,
        run_at: '2029-12-31T22:00:00.000Z',
        timezone: 'Europe/Berlin',
        enabled: true,
        paused: false,
        payload: { sleep_ms: 5 },
        overlap_policy: 'buffer_one',
        misfire_policy: 'skip',
        misfire_grace_seconds: 0,
        max_retries: 0,
        retry_delay_seconds: 10,
        timeout_seconds: 30,
        status: 'pending',
        origin: 'api',
        code_key: null,
        operator_modified: false,
        last_run: null,
        next_run: '2029-12-31T22:00:00.000Z',
        error_message: null,
        retry_at: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const fetched = await http
        .get(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .expect(200);
      expect(fetched.body).toEqual(created);

      const patched = await http
        .patch(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .send({
          schedule_type: 'cron',
          cron: '0 6 * * *',
          timezone: 'UTC',
          timeout_seconds: null,
          description: null,
          max_retries: 2,
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        schedule_type: 'cron',
        cron: '0 6 * * *',
        run_at: null,
        timezone: 'UTC',
        timeout_seconds: null,
        description: null,
        max_retries: 2,
        name: 'Probe once',
        payload: { sleep_ms: 5 },
        next_run: nextDailyUtc(6, 0),
      });
      const refetched = await http
        .get(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .expect(200);
      expect(refetched.body).toEqual({ ...patched.body, updated_at: expect.any(String) });
      const retimed = await http
        .patch(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .send({ cron: '0 7 * * *' })
        .expect(200);
      expect(retimed.body).toMatchObject({
        schedule_type: 'cron',
        cron: '0 7 * * *',
        max_retries: 2,
        next_run: nextDailyUtc(7, 0),
      });

      await http
        .delete(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .expect(204);
      const gone = await http
        .get(api(`/scheduled-tasks/${created.id}`))
        .set('Authorization', admin)
        .expect(404);
      expect(gone.body.message).toBe(`Scheduled task ${created.id} not found`);
    });

    it('defaults the optional fields', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '0 6 * * *',
      });
      expect(task).toMatchObject({
        name: 'test.noop',
        source_id: null,
        timezone: 'UTC',
        enabled: true,
        payload: null,
        overlap_policy: 'skip',
        misfire_policy: 'run_once',
        misfire_grace_seconds: 3600,
        max_retries: 3,
        retry_delay_seconds: 300,
        timeout_seconds: null,
        next_run: nextDailyUtc(6, 0),
      });
    });

    it('400 when PATCH sends null for a field that cannot be null', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '0 6 * * *',
      });
      const message = await badRequest('patch', `/scheduled-tasks/${task.id}`, {
        max_retries: null,
        name: null,
      });
      expect(message).toContain('max_retries must be an integer number');
      expect(message).toContain('name must be a string');
    });
  });

  describe('list', () => {
    it('filters by source_id, task_type, enabled and status, and pages with a cursor', async () => {
      const source = 'paging-source';
      const created = [];
      for (const n of [1, 2, 3]) {
        created.push(
          await createTask({
            task_type: 'test.noop',
            source_id: source,
            name: `page ${n}`,
            schedule_type: 'interval',
            interval_seconds: 60,
          }),
        );
      }
      const disabled = await createTask({
        task_type: 'test.probe',
        source_id: source,
        schedule_type: 'interval',
        interval_seconds: 60,
        enabled: false,
      });

      const first = await http
        .get(api(`/scheduled-tasks?source_id=${source}&task_type=test.noop&limit=2`))
        .set('Authorization', admin)
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.next_cursor).toEqual(expect.any(String));
      const second = await http
        .get(
          api(
            `/scheduled-tasks?source_id=${source}&task_type=test.noop&limit=2&cursor=${first.body.next_cursor}`,
          ),
        )
        .set('Authorization', admin)
        .expect(200);
      expect(second.body.next_cursor).toBeNull();
      const pagedIds = [...first.body.items, ...second.body.items].map((t: TaskBody) => t.id);
      // Sorted: tasks created within the same millisecond are ordered by id.
      expect(pagedIds.sort()).toEqual(created.map((task) => task.id).sort());

      const off = await http
        .get(api(`/scheduled-tasks?source_id=${source}&enabled=false`))
        .set('Authorization', admin)
        .expect(200);
      expect(off.body.items.map((task: TaskBody) => task.id)).toEqual([disabled.id]);
      expect(off.body.items[0].next_run).toBeNull();

      const pending = await http
        .get(api(`/scheduled-tasks?source_id=${source}&status=pending&enabled=true`))
        .set('Authorization', admin)
        .expect(200);
      expect(pending.body.items).toHaveLength(3);
      const failed = await http
        .get(api(`/scheduled-tasks?source_id=${source}&status=failed`))
        .set('Authorization', admin)
        .expect(200);
      expect(failed.body).toEqual({ items: [], next_cursor: null });
    });

    it('400 for bad filters', async () => {
      expect(await badRequest('get', '/scheduled-tasks?enabled=yes')).toBe(
        'enabled must be a boolean value',
      );
      expect(await badRequest('get', '/scheduled-tasks?status=bogus')).toBe(
        'status must be one of the following values: pending, running, completed, partial, failed, timed_out, interrupted, skipped',
      );
      expect(await badRequest('get', '/scheduled-tasks?limit=500')).toBe(
        'limit must not be greater than 200',
      );
      expect(await badRequest('get', '/scheduled-tasks?cursor=zzz')).toBe(
        'cursor is not a cursor this list produced',
      );
    });
  });

  describe('validation', () => {
    const valid = { task_type: 'test.probe', schedule_type: 'cron', cron: '0 6 * * *' };

    it('400 listing the valid task types for an unknown one', async () => {
      const message = await badRequest('post', '/scheduled-tasks', {
        ...valid,
        task_type: 'nope.nothing',
      });
      expect(message).toMatch(/^task_type nope\.nothing is not registered; valid types: /);
      expect(message.split('valid types: ')[1].split(', ')).toEqual(
        expect.arrayContaining([
          CLEANUP_KEY,
          TINK_SYNC_KEY,
          'test.noop',
          'test.probe',
          'test.sync-probe',
        ]),
      );
    });

    it.each([
      [
        'a cron with a reason',
        { cron: '61 * * * *' },
        'cron minute field: 61 is out of range 0-59',
      ],
      ['a cron with too few fields', { cron: '* *' }, 'cron must have 5 or 6 fields, got 2'],
      ['a missing cron', { cron: undefined }, 'cron is required when schedule_type is cron'],
      [
        'a non-IANA zone',
        { timezone: 'Mars/Olympus' },
        'timezone Mars/Olympus is not an IANA time zone',
      ],
      ['an offset as zone', { timezone: '+02:00' }, 'timezone +02:00 is not an IANA time zone'],
      [
        'an interval below the sync minimum',
        {
          task_type: 'test.sync-probe',
          schedule_type: 'interval',
          cron: undefined,
          interval_seconds: 60,
        },
        'interval_seconds must be at least 3600 for the sync task type test.sync-probe',
      ],
      [
        'a cron firing more often than the sync minimum',
        { task_type: 'test.sync-probe', cron: '*/30 * * * *' },
        'cron fires every 1800s at most; the sync task type test.sync-probe needs at least 3600s between runs',
      ],
      [
        'a once task in the past',
        { schedule_type: 'once', cron: undefined, run_at: '2020-01-01T00:00:00Z' },
        'run_at must be in the future',
      ],
      [
        'an invalid payload field',
        { payload: { sleep_ms: -5 } },
        'payload.sleep_ms must not be less than 0',
      ],
      ['a payload that is not an object', { payload: [1] }, 'payload must be an object'],
      ['an unknown field', { colour: 'red' }, 'property colour should not exist'],
      [
        'a cron on an interval schedule',
        { schedule_type: 'interval', interval_seconds: 60 },
        'cron is only used when schedule_type is cron',
      ],
      ['too many retries', { max_retries: 21 }, 'max_retries must not be greater than 20'],
      [
        'a negative misfire grace',
        { misfire_grace_seconds: -1 },
        'misfire_grace_seconds must not be less than 0',
      ],
      ['a zero timeout', { timeout_seconds: 0 }, 'timeout_seconds must not be less than 1'],
      [
        'a zero interval',
        { schedule_type: 'interval', cron: undefined, interval_seconds: 0 },
        'interval_seconds must not be less than 1',
      ],
      [
        'an unknown overlap policy',
        { overlap_policy: 'queue' },
        'overlap_policy must be one of the following values: skip, buffer_one, allow',
      ],
      [
        'a run_at without an offset',
        { schedule_type: 'once', cron: undefined, run_at: '2030-01-01T00:00:00' },
        'run_at must be an ISO 8601 date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z',
      ],
      [
        'a name that is too long',
        { name: 'x'.repeat(201) },
        'name must be shorter than or equal to 200 characters',
      ],
    ])('400 for %s', async (_case, override, expected) => {
      expect(await badRequest('post', '/scheduled-tasks', { ...valid, ...override })).toBe(
        expected,
      );
    });

    describe('sync task types (MIN_SYNC_INTERVAL_SECONDS = 3600)', () => {
      it.each([
        [
          TINK_SYNC_KEY,
          { schedule_type: 'interval', cron: undefined, interval_seconds: 1 },
          'interval_seconds must be at least 3600 for the sync task type tink.sync-connections',
        ],
        [
          TINK_SYNC_KEY,
          { cron: '*/10 * * * *' },
          'cron fires every 600s at most; the sync task type tink.sync-connections needs at least 3600s between runs',
        ],
        [
          // Hourly on average, but two fires only 30 minutes apart.
          TINK_SYNC_KEY,
          { cron: '0,30 */2 * * *' },
          'cron fires every 1800s at most; the sync task type tink.sync-connections needs at least 3600s between runs',
        ],
        [
          IMPORT_KEY,
          { schedule_type: 'interval', cron: undefined, interval_seconds: 600 },
          'interval_seconds must be at least 3600 for the sync task type credit-portfolio.import-ftp',
        ],
      ])('400 when %s fires too often (%j)', async (taskType, schedule, expected) => {
        expect(
          await badRequest('post', '/scheduled-tasks', {
            ...valid,
            task_type: taskType,
            ...schedule,
          }),
        ).toBe(expected);
      });

      it('accepts a sync type at the minimum, and a housekeeping type at any interval', async () => {
        const interval = { schedule_type: 'interval', cron: undefined, enabled: false };
        const created = [
          await createTask({
            ...valid,
            ...interval,
            task_type: TINK_SYNC_KEY,
            interval_seconds: 3600,
          }),
          await createTask({ ...valid, ...interval, task_type: CLEANUP_KEY, interval_seconds: 60 }),
        ];
        for (const task of created)
          await http
            .delete(api(`/scheduled-tasks/${task.id}`))
            .set('Authorization', admin)
            .expect(204);
      });

      it('400 when an edit of the code-declared sync job makes it fire too often', async () => {
        const res = await http
          .get(api(`/scheduled-tasks?task_type=${TINK_SYNC_KEY}`))
          .set('Authorization', admin)
          .expect(200);
        const job = res.body.items.find((task: TaskBody) => task.origin === 'code');
        expect(
          await badRequest('patch', `/scheduled-tasks/${job.id}`, { interval_seconds: 60 }),
        ).toBe(
          'interval_seconds must be at least 3600 for the sync task type tink.sync-connections',
        );
      });
    });

    it('400 naming every problem of the schedule at once', async () => {
      expect(
        await badRequest('post', '/scheduled-tasks', {
          ...valid,
          task_type: 'test.sync-probe',
          cron: '0 25 * * *',
          timezone: 'Mars/Olympus',
        }),
      ).toBe(
        'timezone Mars/Olympus is not an IANA time zone; cron hour field: 25 is out of range 0-23',
      );
      expect(
        await badRequest('post', '/scheduled-tasks', {
          ...valid,
          cron: '*/5 * * * *',
          task_type: 'test.sync-probe',
        }),
      ).toBe(
        'cron fires every 300s at most; the sync task type test.sync-probe needs at least 3600s between runs',
      );
      expect(
        await badRequest('post', '/scheduled-tasks', {
          ...valid,
          schedule_type: 'interval',
          cron: undefined,
          payload: { bogus: true },
        }),
      ).toMatch(
        /^interval_seconds is required when schedule_type is interval; payload\..*bogus should not exist$/,
      );
    });

    it('400 naming an unknown payload field', async () => {
      const message = await badRequest('post', '/scheduled-tasks', {
        ...valid,
        payload: { sleep_ms: 1, bogus: true },
      });
      expect(message).toMatch(/^payload\..*bogus should not exist$/);
    });

    it('400 naming the id when it is neither a UUID nor a task key', async () => {
      for (const [method, path] of [
        ['get', '/scheduled-tasks/a%20b'],
        ['patch', '/scheduled-tasks/-abc'],
        ['delete', '/scheduled-tasks/a$b'],
        ['post', `/scheduled-tasks/${'k'.repeat(101)}/run`],
        ['get', '/scheduled-tasks/%C3%A9/runs'],
        ['get', '/scheduled-tasks/.hidden/next-runs'],
      ] as const) {
        expect(await badRequest(method, path, {})).toBe('id must be a task UUID or a task key');
      }
    });

    it('404 for a task that does not exist', async () => {
      for (const [method, path] of [
        ['get', ''],
        ['patch', ''],
        ['delete', ''],
        ['post', '/run'],
        ['post', '/pause'],
        ['get', '/runs'],
        ['get', '/next-runs'],
      ] as const) {
        const res = await http[method](api(`/scheduled-tasks/${MISSING_ID}${path}`))
          .set('Authorization', admin)
          .send({});
        expect({
          route: `${method} ${path}`,
          status: res.status,
          message: res.body.message,
        }).toEqual({
          route: `${method} ${path}`,
          status: 404,
          message: `Scheduled task ${MISSING_ID} not found`,
        });
      }
    });
  });

  it('400 when a PATCH sets a schedule field the stored schedule type does not use', async () => {
    const task = await createTask({
      task_type: 'test.probe',
      schedule_type: 'interval',
      interval_seconds: 600,
    });
    expect(await badRequest('patch', `/scheduled-tasks/${task.id}`, { cron: '0 6 * * *' })).toBe(
      'cron is only used when schedule_type is cron',
    );
  });

  describe('run now and history', () => {
    it('runs a task, then records the run in its history', async () => {
      const task = await createTask({
        task_type: 'test.probe',
        schedule_type: 'cron',
        cron: '0 6 * * *',
        payload: { sleep_ms: 20 },
      });
      const runId = await runNow(task.id);
      const run = await waitForRunToEnd(task.id, runId);
      expect(run).toEqual({
        id: runId,
        task_id: task.id,
        task_key: null,
        task_name: 'test.probe',
        scheduled_for: expect.any(String),
        trigger: 'manual',
        attempt: 1,
        status: 'completed',
        items_total: null,
        items_succeeded: null,
        items_failed: null,
        items_skipped: null,
        progress: null,
        retry_items: null,
        idle: false,
        execution_start: expect.any(String),
        execution_end: expect.any(String),
        duration_ms: expect.any(Number),
        error_message: null,
        details: { attempt: 1 },
        instance_id: t.config.get(schedulingConfig).instanceId,
        heartbeat_at: expect.any(String),
      });
      expect(run.duration_ms).toBeGreaterThanOrEqual(15);
      expect(Date.parse(run.execution_start as string)).toBeGreaterThanOrEqual(
        Date.parse(run.scheduled_for as string),
      );
      const after = await http
        .get(api(`/scheduled-tasks/${task.id}`))
        .set('Authorization', admin)
        .expect(200);
      expect(after.body).toMatchObject({
        status: 'completed',
        last_run: run.execution_start,
        error_message: null,
        next_run: nextDailyUtc(6, 0),
      });
    });

    it('409 for run-now while a run is in progress and the overlap policy is skip, not recorded', async () => {
      const task = await createTask({
        task_type: 'test.probe',
        name: 'Slow probe',
        schedule_type: 'cron',
        cron: '0 6 * * *',
        payload: { sleep_ms: 1000 },
      });
      const runId = await runNow(task.id);
      // A client retrying in a loop: each attempt is refused, none of them lands in the history.
      for (let attempt = 0; attempt < 5; attempt++) {
        const refused = await http
          .post(api(`/scheduled-tasks/${task.id}/run`))
          .set('Authorization', admin)
          .expect(409);
        expect(refused.body.message).toBe(
          'Task Slow probe is already running and its overlap policy is skip',
        );
      }
      await waitForRunToEnd(task.id, runId);
      const history = await http
        .get(api(`/scheduled-tasks/${task.id}/runs`))
        .set('Authorization', admin)
        .expect(200);
      expect(history.body.items.map((r: RunBody) => [r.id, r.status])).toEqual([
        [runId, 'completed'],
      ]);
    });

    it('202 buffered for run-now while a run is in progress and the overlap policy is buffer_one', async () => {
      const task = await createTask({
        task_type: 'test.probe',
        schedule_type: 'cron',
        cron: '0 6 * * *',
        overlap_policy: 'buffer_one',
        payload: { sleep_ms: 300 },
      });
      await runNow(task.id);
      const buffered = await http
        .post(api(`/scheduled-tasks/${task.id}/run`))
        .set('Authorization', admin)
        .expect(202);
      expect(buffered.body).toEqual({ run_id: null, status: 'buffered' });
    });

    it('lists failed runs across tasks with /task-runs?status=failed', async () => {
      const task = await createTask({
        task_type: 'test.probe',
        schedule_type: 'cron',
        cron: '0 6 * * *',
        max_retries: 0,
        payload: { fail: true },
      });
      const runId = await runNow(task.id);
      expect(await waitForRunToEnd(task.id, runId)).toMatchObject({
        status: 'failed',
        error_message: 'probe failed on attempt 1',
      });

      const failed = await http
        .get(api('/task-runs?status=failed&limit=200'))
        .set('Authorization', admin)
        .expect(200);
      expect(failed.body.items.map((r: RunBody) => r.id)).toEqual([runId]);
      expect(failed.body.items[0]).toMatchObject({ task_id: task.id, status: 'failed' });
      const several = await http
        .get(api('/task-runs?status=timed_out,failed'))
        .set('Authorization', admin)
        .expect(200);
      expect(several.body.items.map((r: RunBody) => r.id)).toEqual([runId]);
      const all = await http.get(api('/task-runs?limit=1')).set('Authorization', admin).expect(200);
      expect(all.body.items).toHaveLength(1);
      expect(all.body.next_cursor).toEqual(expect.any(String));

      const after = await http
        .get(api(`/scheduled-tasks/${task.id}`))
        .set('Authorization', admin)
        .expect(200);
      expect(after.body).toMatchObject({
        status: 'failed',
        error_message: 'probe failed on attempt 1',
        retry_at: null,
      });
      expect(await badRequest('get', '/task-runs?status=failed,exploded')).toBe(
        'each value in status must be one of the following values: running, completed, partial, failed, skipped, missed, timed_out, interrupted',
      );
    });
  });

  describe('pause and resume', () => {
    it('pause clears next_run, resume sets it again', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '15 4 * * *',
      });
      expect(task.next_run).toBe(nextDailyUtc(4, 15));
      const paused = await http
        .post(api(`/scheduled-tasks/${task.id}/pause`))
        .set('Authorization', admin)
        .expect(200);
      expect(paused.body).toMatchObject({ paused: true, next_run: null });
      const resumed = await http
        .post(api(`/scheduled-tasks/${task.id}/resume`))
        .set('Authorization', admin)
        .expect(200);
      expect(resumed.body).toMatchObject({ paused: false, next_run: nextDailyUtc(4, 15) });
    });
  });

  describe('next runs and preview', () => {
    it('next-runs across the spring-forward change in Europe/Berlin', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '30 2 * * *',
        timezone: 'Europe/Berlin',
      });
      const res = await http
        .get(api(`/scheduled-tasks/${task.id}/next-runs?count=3&from=2026-03-28T00:00:00Z`))
        .set('Authorization', admin)
        .expect(200);
      expect(res.body).toEqual({
        task_id: task.id,
        timezone: 'Europe/Berlin',
        next_runs: [
          { utc: '2026-03-28T01:30:00.000Z', local: '2026-03-28T02:30:00+01:00' },
          { utc: '2026-03-29T01:00:00.000Z', local: '2026-03-29T03:00:00+02:00' },
          { utc: '2026-03-30T00:30:00.000Z', local: '2026-03-30T02:30:00+02:00' },
        ],
      });
      const byDefault = await http
        .get(api(`/scheduled-tasks/${task.id}/next-runs`))
        .set('Authorization', admin)
        .expect(200);
      expect(byDefault.body.next_runs).toHaveLength(5);
      expect(Date.parse(byDefault.body.next_runs[0].utc)).toBeGreaterThan(Date.now() - 1000);
    });

    it('400 for a bad from or count', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '* * * * *',
      });
      const path = `/scheduled-tasks/${task.id}/next-runs`;
      const fromMessage =
        'from must be an ISO 8601 date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z';
      expect(await badRequest('get', `${path}?from=yesterday`)).toBe(fromMessage);
      expect(await badRequest('get', `${path}?from=2026-02-30T00:00:00Z`)).toBe(fromMessage);
      expect(await badRequest('get', `${path}?count=0`)).toBe('count must not be less than 1');
      expect(await badRequest('get', `${path}?count=101`)).toBe(
        'count must not be greater than 100',
      );
      expect(await badRequest('get', `${path}?count=two`)).toContain(
        'count must be an integer number',
      );
    });

    it('previews a cron across the fall-back change, and an interval', async () => {
      const cron = await http
        .post(api('/scheduled-tasks/preview'))
        .set('Authorization', admin)
        .send({
          cron: '0 * * * *',
          timezone: 'Europe/Berlin',
          from: '2026-10-24T23:30:00Z',
          count: 4,
        })
        .expect(200);
      expect(cron.body).toEqual({
        timezone: 'Europe/Berlin',
        next_runs: [
          { utc: '2026-10-25T00:00:00.000Z', local: '2026-10-25T02:00:00+02:00' },
          { utc: '2026-10-25T01:00:00.000Z', local: '2026-10-25T02:00:00+01:00' },
          { utc: '2026-10-25T02:00:00.000Z', local: '2026-10-25T03:00:00+01:00' },
          { utc: '2026-10-25T03:00:00.000Z', local: '2026-10-25T04:00:00+01:00' },
        ],
      });
      const interval = await http
        .post(api('/scheduled-tasks/preview'))
        .set('Authorization', admin)
        .send({ interval_seconds: 5400, from: '2026-01-01T00:00:00Z', count: 2 })
        .expect(200);
      expect(interval.body).toEqual({
        timezone: 'UTC',
        next_runs: [
          { utc: '2026-01-01T01:30:00.000Z', local: '2026-01-01T01:30:00+00:00' },
          { utc: '2026-01-01T03:00:00.000Z', local: '2026-01-01T03:00:00+00:00' },
        ],
      });
    });

    it.each([
      [
        { cron: '0 * * * *', interval_seconds: 60 },
        'interval_seconds cannot be combined with cron',
      ],
      [{ timezone: 'UTC' }, 'preview needs cron or interval_seconds'],
      [{ cron: '0 25 * * *' }, 'cron hour field: 25 is out of range 0-23'],
      [
        { cron: '0 * * * *', timezone: 'Nowhere/Land' },
        'timezone Nowhere/Land is not an IANA time zone',
      ],
      [
        { cron: '0 25 * * *', timezone: 'Nowhere/Land' },
        'timezone Nowhere/Land is not an IANA time zone; cron hour field: 25 is out of range 0-23',
      ],
      [{ cron: '0 * * * *', count: 1000 }, 'count must not be greater than 100'],
      [
        { cron: '0 * * * *', from: 'soon' },
        'from must be an ISO 8601 date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z',
      ],
    ])('preview 400: %j', async (body, expected) => {
      expect(await badRequest('post', '/scheduled-tasks/preview', body)).toBe(expected);
    });
  });

  describe('code-declared tasks', () => {
    async function codeTask(key: string): Promise<TaskBody> {
      const res = await http
        .get(api(`/scheduled-tasks?task_type=${key}`))
        .set('Authorization', admin)
        .expect(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0];
    }

    it('409 when deleting one', async () => {
      const task = await codeTask(CLEANUP_KEY);
      expect(task).toMatchObject({ origin: 'code', code_key: CLEANUP_KEY, cron: '30 3 * * *' });
      const res = await http
        .delete(api(`/scheduled-tasks/${task.id}`))
        .set('Authorization', admin)
        .expect(409);
      expect(res.body.message).toBe(
        `Task ${CLEANUP_KEY} is declared in code; disable or pause it instead of deleting it`,
      );
    });

    it('an operator edit marks it modified; reset restores the code defaults', async () => {
      const task = await codeTask(CLEANUP_KEY);
      const edited = await http
        .patch(api(`/scheduled-tasks/${task.id}`))
        .set('Authorization', admin)
        .send({ cron: '0 5 * * *', max_retries: 7 })
        .expect(200);
      expect(edited.body).toMatchObject({
        cron: '0 5 * * *',
        max_retries: 7,
        operator_modified: true,
        next_run: nextDailyUtc(5, 0),
      });
      const reset = await http
        .post(api(`/scheduled-tasks/${task.id}/reset`))
        .set('Authorization', admin)
        .expect(200);
      expect(reset.body).toMatchObject({
        cron: '30 3 * * *',
        max_retries: 1,
        operator_modified: false,
        next_run: nextDailyUtc(3, 30),
      });
    });

    it('400 when resetting a task created through the API', async () => {
      const task = await createTask({
        task_type: 'test.noop',
        schedule_type: 'cron',
        cron: '0 6 * * *',
      });
      const res = await http
        .post(api(`/scheduled-tasks/${task.id}/reset`))
        .set('Authorization', admin)
        .expect(400);
      expect(res.body.message).toBe('Only code-declared tasks can be reset to their code defaults');
    });

    it('scheduler/status lists the code-declared jobs', async () => {
      const res = await http.get(api('/scheduler/status')).set('Authorization', admin).expect(200);
      expect(res.body).toEqual({
        running: false,
        instance_id: t.config.get(schedulingConfig).instanceId,
        jobs: expect.any(Array),
      });
      const keys = res.body.jobs.map((job: { key: string }) => job.key);
      expect(keys).toEqual([...keys].sort());
      expect(keys).not.toContain('test.probe');
      const cleanup = await codeTask(CLEANUP_KEY);
      expect(res.body.jobs.find((job: { key: string }) => job.key === CLEANUP_KEY)).toEqual({
        id: cleanup.id,
        key: CLEANUP_KEY,
        name: 'Delete old run history',
        next_run: nextDailyUtc(3, 30),
        trigger: 'cron[30 3 * * *] UTC',
        timezone: 'UTC',
        paused: false,
        enabled: true,
        last_run: null,
        last_status: null,
      });
      expect(res.body.jobs.find((job: { key: string }) => job.key === TINK_SYNC_KEY)).toMatchObject(
        {
          trigger: 'interval[21600s]',
          timezone: 'UTC',
        },
      );
    });

    it('scheduler/jobs reports the last run and that this instance holds no timers', async () => {
      const cleanup = await codeTask(CLEANUP_KEY);
      const runId = await runNow(cleanup.id);
      await waitForRunToEnd(cleanup.id, runId);
      const res = await http.get(api('/scheduler/jobs')).set('Authorization', admin).expect(200);
      expect(res.body.next_cursor).toBeNull();
      const job = res.body.items.find((item: { key: string }) => item.key === CLEANUP_KEY);
      expect(job).toMatchObject({
        id: cleanup.id,
        last_status: 'completed',
        last_run: expect.any(String),
        timer_registered: false,
      });
    });
  });
});

describe('scheduler status with timers on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_ENABLED: 'true' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reports running and a registered timer for each code-declared job', async () => {
    const http = request(t.app.getHttpServer());
    const admin = `Bearer ${t.tokenFor('admin')}`;
    const status = await http
      .get('/api/v1/scheduler/status')
      .set('Authorization', admin)
      .expect(200);
    expect(status.body.running).toBe(true);
    const jobs = await http.get('/api/v1/scheduler/jobs').set('Authorization', admin).expect(200);
    const timers = Object.fromEntries(
      jobs.body.items.map((job: { key: string; timer_registered: boolean }) => [
        job.key,
        job.timer_registered,
      ]),
    );
    expect(timers).toMatchObject({ [CLEANUP_KEY]: true, [TINK_SYNC_KEY]: true });
  });
});
