import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ProbeTasksModule } from '../fixtures/scheduling/probe-tasks.module';
import { startTestApp, TestApp } from '../utils/test-app';

const api = (path: string): string => `/api/v1${path}`;
const cursorOf = (json: string): string => Buffer.from(json).toString('base64url');
const nestedArrays = (levels: number, inner = '1'): string =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

const BEYOND_YEAR_9999 = '9999-12-31T23:59:59-14:00';
const ID_PROBLEM = (field: string): string => `${field} must be an integer id from 1 to 2147483647`;

/** Each cause of a 500 the hostile-input probe found, answered with a 400 that names the field. */
describe('hostile input over HTTP', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let admin: string;
  let asUser: string;
  let userId: number;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_ENABLED: 'false' }, { extraImports: [ProbeTasksModule] });
    http = request(t.app.getHttpServer());
    dataSource = t.app.get(DataSource);
    admin = `Bearer ${t.tokenFor('admin')}`;
    const user = await http
      .post(api('/users'))
      .set('Authorization', admin)
      .send({
        email: 'pia@example.com',
        display_name: 'Pia',
        premium_until: '2027-01-31T12:00:00Z',
      })
      .expect(201);
    userId = user.body.id;
    asUser = `Bearer ${t.tokenFor('user', userId)}`;
    const task = await http
      .post(api('/scheduled-tasks'))
      .set('Authorization', admin)
      .send({ task_type: 'test.noop', schedule_type: 'interval', interval_seconds: 3600 })
      .expect(201);
    taskId = task.body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The error shape, the status, and the message naming what was wrong. */
  function expectRejected(res: Response, status: number, message: string | RegExp): void {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: {
        statusCode: status,
        error: expect.any(String),
        message: typeof message === 'string' ? message : expect.stringMatching(message),
        requestId: res.headers['x-request-id'],
      },
    });
  }

  const rowsOf = (table: string): Promise<unknown[]> =>
    dataSource.query(`SELECT * FROM ${table} ORDER BY id`);

  const sendJson = (method: 'post' | 'patch', path: string, text: string, token = admin) =>
    http[method](api(path))
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send(text);

  describe('1. a cursor that decodes to something else than the list wrote', () => {
    const cursors = [
      cursorOf('["abc"]'),
      cursorOf('["1e400"]'),
      cursorOf('[1e309,"x"]'),
      cursorOf('[1.5]'),
    ];
    const lists = [
      ['/users', 'admin'],
      ['/credit-portfolio/imports', 'admin'],
      ['/banking/connections', 'user'],
      ['/accounts', 'user'],
      ['/transactions', 'user'],
      ['/scheduled-tasks', 'admin'],
      ['/task-runs', 'admin'],
    ] as const;

    it.each(lists)('is a 400 on %s', async (path, role) => {
      for (const cursor of cursors) {
        const res = await http
          .get(api(`${path}?cursor=${cursor}`))
          .set('Authorization', role === 'admin' ? admin : asUser);
        expectRejected(res, 400, 'cursor is not a cursor this list produced');
      }
    });
  });

  describe('2. deeply nested bodies', () => {
    const deep = `{"a":${nestedArrays(5_000)}}`;
    const routes = (): ['post' | 'patch', string][] => [
      ['post', '/users'],
      ['patch', `/users/${userId}`],
      ['post', '/scheduled-tasks'],
      ['patch', `/scheduled-tasks/${taskId}`],
      ['post', '/scheduled-tasks/preview'],
      ['post', '/banking/tink/refresh-data'],
    ];

    it('are a 400 naming the limit on every body route', async () => {
      for (const [method, path] of routes()) {
        expectRejected(
          await sendJson(method, path, deep),
          400,
          'Request body nests deeper than 32 levels',
        );
      }
    });

    it('do not reach the JSON column: a 3,000-level payload leaves the task as it was', async () => {
      const before = await rowsOf('scheduled_tasks');
      const res = await sendJson(
        'patch',
        `/scheduled-tasks/${taskId}`,
        `{"payload":{"a":${nestedArrays(3_000)}}}`,
      );
      expectRejected(res, 400, 'Request body nests deeper than 32 levels');
      expect(await rowsOf('scheduled_tasks')).toEqual(before);
    });

    it('a payload as deep as a body allows is stored and read back', async () => {
      const payload = `{"a":${nestedArrays(30)}}`;
      const res = await sendJson('patch', `/scheduled-tasks/${taskId}`, `{"payload":${payload}}`);
      expect(res.status).toBe(200);
      expect(res.body.payload).toEqual(JSON.parse(payload));
    });
  });

  describe('3. lengths counted as the column counts them', () => {
    it('refuses 200 "❤️" as a display_name (400 code points), stores 200 "😀"', async () => {
      const users = await rowsOf('users');
      const refused = await http
        .post(api('/users'))
        .set('Authorization', admin)
        .send({ email: 'heart@example.com', display_name: '❤️'.repeat(200) });
      expectRejected(refused, 400, 'display_name must be shorter than or equal to 200 characters');
      expect(await rowsOf('users')).toEqual(users);

      const emoji = '😀'.repeat(200);
      const created = await http
        .post(api('/users'))
        .set('Authorization', admin)
        .send({ email: 'grin@example.com', display_name: emoji })
        .expect(201);
      const read = await http
        .get(api(`/users/${created.body.id}`))
        .set('Authorization', admin)
        .expect(200);
      expect(read.body.display_name).toBe(emoji);
    });

    it('refuses a task name and source_id of "❤️" the columns cannot hold, stores emoji that fit', async () => {
      const tasks = await rowsOf('scheduled_tasks');
      const base = { task_type: 'test.noop', schedule_type: 'interval', interval_seconds: 3600 };
      for (const [field, length] of [
        ['name', 200],
        ['source_id', 64],
      ] as const) {
        const res = await http
          .post(api('/scheduled-tasks'))
          .set('Authorization', admin)
          .send({ ...base, [field]: '❤️'.repeat(length) });
        expectRejected(res, 400, `${field} must be shorter than or equal to ${length} characters`);
      }
      expect(await rowsOf('scheduled_tasks')).toEqual(tasks);

      const created = await http
        .post(api('/scheduled-tasks'))
        .set('Authorization', admin)
        .send({ ...base, name: '😀'.repeat(200), source_id: '😀'.repeat(64) })
        .expect(201);
      expect(created.body).toMatchObject({ name: '😀'.repeat(200), source_id: '😀'.repeat(64) });
    });
  });

  describe('4. instants past what DATETIME(3) holds once converted to UTC', () => {
    const rangeProblem = (field: string): string =>
      `${field} must be between 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z`;

    it('are a 400 naming the field, in bodies and in queries', async () => {
      const users = await rowsOf('users');
      expectRejected(
        await http.post(api('/users')).set('Authorization', admin).send({
          email: 'late@example.com',
          display_name: 'Late',
          premium_until: BEYOND_YEAR_9999,
        }),
        400,
        rangeProblem('premium_until'),
      );
      expect(await rowsOf('users')).toEqual(users);
      expectRejected(
        await http
          .post(api('/scheduled-tasks'))
          .set('Authorization', admin)
          .send({ task_type: 'test.noop', schedule_type: 'once', run_at: BEYOND_YEAR_9999 }),
        400,
        rangeProblem('run_at'),
      );
      expectRejected(
        await http
          .get(
            api(
              `/scheduled-tasks/${taskId}/next-runs?from=${encodeURIComponent(BEYOND_YEAR_9999)}`,
            ),
          )
          .set('Authorization', admin),
        400,
        rangeProblem('from'),
      );
      expectRejected(
        await http
          .post(api('/scheduled-tasks/preview'))
          .set('Authorization', admin)
          .send({ cron: '0 * * * *', from: '0999-12-31T23:59:59Z' }),
        400,
        rangeProblem('from'),
      );
    });
  });

  describe('5. a rejected request writes nothing', () => {
    const notAnInstant = (field: string): string =>
      `${field} must be an ISO 8601 date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z`;

    it('creates no user for a premium_until that is no full ISO 8601 instant', async () => {
      const users = await rowsOf('users');
      for (const premiumUntil of ['20270101', '2027-W01-1', '-2027-01-01', '2027-01-01']) {
        const res = await http.post(api('/users')).set('Authorization', admin).send({
          email: 'basic@example.com',
          display_name: 'Basic',
          subscription_plan: 'premium',
          premium_until: premiumUntil,
        });
        expectRejected(res, 400, notAnInstant('premium_until'));
      }
      expect(await rowsOf('users')).toEqual(users);
    });

    it('keeps the stored premium_until when a PATCH sends a week date', async () => {
      const users = await rowsOf('users');
      const res = await http
        .patch(api(`/users/${userId}`))
        .set('Authorization', admin)
        .send({ display_name: 'Changed', premium_until: '2027-W01-1' });
      expectRejected(res, 400, notAnInstant('premium_until'));
      expect(await rowsOf('users')).toEqual(users);
    });

    it('rolls a PATCH back whole when its write fails (the email is taken)', async () => {
      await http
        .post(api('/users'))
        .set('Authorization', admin)
        .send({ email: 'taken@example.com', display_name: 'Taken' })
        .expect(201);
      const users = await rowsOf('users');
      const res = await http
        .patch(api(`/users/${userId}`))
        .set('Authorization', admin)
        .send({ display_name: 'Renamed', email: 'TAKEN@example.com' });
      expectRejected(res, 409, 'email taken@example.com is already taken');
      expect(await rowsOf('users')).toEqual(users);
    });
  });

  describe('6. null for a field that cannot be null', () => {
    it.each([
      ['email', 'email must be an email'],
      ['display_name', 'display_name must be a string'],
      ['subscription_plan', 'subscription_plan must be one of the following values: free, premium'],
    ])('is a 400 naming %s, and changes nothing', async (field, message) => {
      const users = await rowsOf('users');
      const res = await http
        .patch(api(`/users/${userId}`))
        .set('Authorization', admin)
        .send({ [field]: null });
      expectRejected(res, 400, message);
      expect(await rowsOf('users')).toEqual(users);
    });

    it('clears premium_until, which may be null', async () => {
      const res = await http
        .patch(api(`/users/${userId}`))
        .set('Authorization', admin)
        .send({ premium_until: null })
        .expect(200);
      expect(res.body.premium_until).toBeNull();
    });
  });

  describe('7. lone surrogates', () => {
    it('are a 400 naming the field, at any depth', async () => {
      const users = await rowsOf('users');
      expectRejected(
        await sendJson('post', '/users', '{"email":"\\ud800","display_name":"x"}'),
        400,
        'email contains a lone UTF-16 surrogate',
      );
      expect(await rowsOf('users')).toEqual(users);
      expectRejected(
        await sendJson('patch', `/scheduled-tasks/${taskId}`, '{"payload":{"k":["ok","\\udc00"]}}'),
        400,
        'payload.k[1] contains a lone UTF-16 surrogate',
      );
    });
  });

  describe('8. ids out of the column range', () => {
    it.each(['null', '2147483648', '1e21', '1e308', '0', '1.5', '"7"'])(
      'refresh-data with user_id %s is a 400 naming user_id, and writes no audit row',
      async (userIdText) => {
        const res = await sendJson(
          'post',
          '/banking/tink/refresh-data',
          `{"user_id":${userIdText}}`,
        );
        expectRejected(res, 400, ID_PROBLEM('user_id'));
        expect(await rowsOf('sync_audit')).toEqual([]);
      },
    );

    it('are a 400 naming the query parameter or path segment', async () => {
      for (const query of ['user_id=1e3', 'user_id=2147483648', 'connection_id=0x10']) {
        const res = await http.get(api(`/accounts?${query}`)).set('Authorization', admin);
        expectRejected(res, 400, ID_PROBLEM(query.split('=')[0]));
      }
      for (const id of ['abc', '99999999999', '-1', '1.5']) {
        expectRejected(
          await http.get(api(`/users/${id}`)).set('Authorization', admin),
          400,
          ID_PROBLEM('id'),
        );
      }
    });
  });

  describe('also', () => {
    it('answers unknown paths anywhere with the JSON error shape, without echoing the query', async () => {
      for (const path of ['/nope', '/api/nope', '/health/x', '/api/v1/nope']) {
        expectRejected(await http.get(`${path}?access_token=abc`), 404, `Cannot GET ${path}`);
      }
      expectRejected(await http.post('/health'), 404, 'Cannot POST /health');
    });

    it('answers a request the HTTP parser refuses (a 20 KB URL) with the error shape', async () => {
      const res = await http.get(api(`/users?cursor=${'x'.repeat(20_000)}`));
      expectRejected(res, 431, 'Request headers, the URL included, exceed the 16 KB limit');
    });

    it('sends no X-Powered-By header', async () => {
      for (const res of [
        await http.get('/health'),
        await http.get(api('/users')).set('Authorization', admin),
        await http.get(api('/users/abc')).set('Authorization', admin),
        await http.get('/nope'),
      ]) {
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });
});
