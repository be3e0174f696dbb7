import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database-schema';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../utils/test-app';

describe('foundation over HTTP', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    admin = `Bearer ${t.tokenFor('admin')}`;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('auth', () => {
    it('401 without a token, with the error shape and a request id', async () => {
      const res = await http.get('/api/v1/users').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Missing bearer token in the Authorization header',
        requestId: res.headers['x-request-id'],
      });
    });

    it('401 for a token signed with another secret, or another algorithm', async () => {
      const forged = jwt.sign({ role: 'admin' }, 'x'.repeat(40), { subject: '1' });
      await http.get('/api/v1/users').set('Authorization', `Bearer ${forged}`).expect(401);
      const none = jwt.sign({ role: 'admin', sub: '1' }, '', { algorithm: 'none' });
      await http.get('/api/v1/users').set('Authorization', `Bearer ${none}`).expect(401);
    });

    it('401 "Token expired" for an expired token', async () => {
      const expired = jwt.sign(
        { role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 },
        TEST_JWT_SECRET,
        {
          subject: '1',
        },
      );
      const res = await http
        .get('/api/v1/users')
        .set('Authorization', `Bearer ${expired}`)
        .expect(401);
      expect(res.body.message).toBe('Token expired');
    });

    it('401 for a token with an unknown role', async () => {
      const odd = jwt.sign({ role: 'root' }, TEST_JWT_SECRET, { subject: '1' });
      const res = await http.get('/api/v1/users').set('Authorization', `Bearer ${odd}`).expect(401);
      expect(res.body.message).toBe('Token role must be admin or user');
    });

    it('403 for a user token on an admin route', async () => {
      const res = await http
        .get('/api/v1/users')
        .set('Authorization', `Bearer ${t.tokenFor('user')}`)
        .expect(403);
      expect(res.body.message).toBe('This route requires role admin');
    });
  });

  describe('request id', () => {
    it('echoes a sane incoming X-Request-Id', async () => {
      const res = await http.get('/health').set('X-Request-Id', 'abc-123').expect(200);
      expect(res.headers['x-request-id']).toBe('abc-123');
    });

    it('replaces an unsafe one with a UUID', async () => {
      const res = await http.get('/health').set('X-Request-Id', 'bad id <script>').expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('validation', () => {
    it('400 naming an unknown field', async () => {
      const res = await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'a@example.com', display_name: 'A', is_admin: true })
        .expect(400);
      expect(res.body.message).toBe('property is_admin should not exist');
    });

    it('400 naming wrongly typed fields', async () => {
      const res = await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'not-an-email', display_name: 42, subscription_plan: 'gold' })
        .expect(400);
      expect(res.body.message).toContain('email must be an email');
      expect(res.body.message).toContain('display_name must be a string');
      expect(res.body.message).toContain(
        'subscription_plan must be one of the following values: free, premium',
      );
    });

    it('400 for malformed JSON, not a 500', async () => {
      const res = await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(res.body.message).toMatch(/^Request body is not valid JSON/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('413 for a body over 1 MB', async () => {
      const res = await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'a@example.com', display_name: 'x'.repeat(1_100_000) })
        .expect(413);
      expect(res.body.message).toBe('Request body exceeds the 1 MB limit');
    });

    it('400 for a non-numeric path id and a bad cursor', async () => {
      await http.get('/api/v1/users/abc').set('Authorization', admin).expect(400);
      const res = await http
        .get('/api/v1/users?cursor=zzz')
        .set('Authorization', admin)
        .expect(400);
      expect(res.body.message).toBe('cursor is not a cursor this list produced');
      const limit = await http.get('/api/v1/users?limit=0').set('Authorization', admin).expect(400);
      expect(limit.body.message).toBe('limit must not be less than 1');
    });
  });

  describe('users', () => {
    it('creates, reads, pages and updates users; 409 on a taken email; 404 on a missing one', async () => {
      const created = await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'Premium@Example.com', display_name: 'Pia', subscription_plan: 'premium' })
        .expect(201);
      expect(created.body).toMatchObject({
        email: 'premium@example.com',
        display_name: 'Pia',
        subscription_plan: 'premium',
        premium_until: null,
      });
      await http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ email: 'premium@example.com', display_name: 'Twin' })
        .expect(409);
      for (const n of [1, 2]) {
        await http
          .post('/api/v1/users')
          .set('Authorization', admin)
          .send({ email: `u${n}@example.com`, display_name: `U${n}` })
          .expect(201);
      }
      const first = await http.get('/api/v1/users?limit=2').set('Authorization', admin).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.next_cursor).toEqual(expect.any(String));
      const second = await http
        .get(`/api/v1/users?limit=2&cursor=${first.body.next_cursor}`)
        .set('Authorization', admin)
        .expect(200);
      expect(second.body.items.map((u: { email: string }) => u.email)).toEqual(['u2@example.com']);
      expect(second.body.next_cursor).toBeNull();

      const patched = await http
        .patch(`/api/v1/users/${created.body.id}`)
        .set('Authorization', admin)
        .send({ premium_until: '2027-01-31T12:00:00.000Z' })
        .expect(200);
      expect(patched.body.premium_until).toBe('2027-01-31T12:00:00.000Z');
      const fetched = await http
        .get(`/api/v1/users/${created.body.id}`)
        .set('Authorization', admin)
        .expect(200);
      expect(fetched.body.premium_until).toBe('2027-01-31T12:00:00.000Z');
      await http.get('/api/v1/users/999999').set('Authorization', admin).expect(404);
    });
  });

  describe('docs', () => {
    it('serves Swagger UI and the OpenAPI JSON with bearer auth declared', async () => {
      const ui = await http.get('/docs').expect(200);
      expect(ui.text).toContain('swagger-ui');
      const doc = await http.get('/docs-json').expect(200);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/health', '/api/v1/users']),
      );
    });

    it('matches the committed openapi.json (run `npm run openapi:write` after changing the API)', async () => {
      const doc = await http.get('/docs-json').expect(200);
      const committed = JSON.parse(
        readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'),
      );
      expect(doc.body).toEqual(committed);
    });
  });

  it('registers every entity of the root schema list through its feature module', () => {
    const loaded = t.app.get(DataSource).entityMetadatas.map((meta) => meta.target);
    expect(new Set(loaded)).toEqual(new Set(ENTITIES));
  });

  describe('health', () => {
    it('200 with the database up', async () => {
      const res = await http.get('/health').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.details.database.status).toBe('up');
    });

    it('503 naming the database when it is down', async () => {
      const separate = await startTestApp();
      try {
        await separate.app.get(DataSource).destroy();
        const res = await request(separate.app.getHttpServer()).get('/health').expect(503);
        expect(res.body.status).toBe('error');
        expect(res.body.details.database.status).toBe('down');
      } finally {
        await separate.db.drop();
        await separate.app.close().catch(() => undefined);
      }
    });
  });
});
