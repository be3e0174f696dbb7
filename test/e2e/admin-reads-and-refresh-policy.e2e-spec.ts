import request from 'supertest';
import { BankingKit, LinkedUser, startBankingKit } from '../kits/banking-kit';

const api = (path: string): string => `/api/v1${path}`;
const NEEDS_USER_ID =
  'user_id is required for role admin: bank data is read one user at a time (pass user_id=<id>)';

describe('admin reads of bank data', () => {
  let kit: BankingKit;
  let http: ReturnType<typeof request>;
  let alice: LinkedUser;
  let admin: string;

  beforeAll(async () => {
    kit = await startBankingKit({ SCHEDULER_ENABLED: 'false' });
    http = request(kit.app.getHttpServer());
    alice = await kit.linkUser();
    admin = `Bearer ${kit.tokenFor('admin', 999)}`;
    await http
      .post(api('/banking/tink/refresh-data'))
      .set('Authorization', `Bearer ${kit.tokenFor('user', alice.user.id)}`)
      .send({})
      .expect(200);
  });

  afterAll(async () => {
    await kit?.close();
  });

  it.each(['/accounts', '/transactions', '/banking/connections'])(
    'GET %s as admin without user_id is a 400 naming user_id',
    async (path) => {
      const res = await http.get(api(path)).set('Authorization', admin).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: NEEDS_USER_ID });
    },
  );

  it.each(['/accounts', '/transactions', '/banking/connections'])(
    "GET %s as admin with user_id lists that user's data",
    async (path) => {
      const res = await http
        .get(api(path))
        .query({ user_id: alice.user.id })
        .set('Authorization', admin)
        .expect(200);
      expect((res.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    },
  );

  it("GET /accounts as a user without user_id still lists the caller's own", async () => {
    const res = await http
      .get(api('/accounts'))
      .set('Authorization', `Bearer ${kit.tokenFor('user', alice.user.id)}`)
      .expect(200);
    expect((res.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('says so in the OpenAPI document', async () => {
    const res = await http.get('/docs-json').expect(200);
    const parameters = (res.body as OpenApi).paths['/api/v1/accounts'].get.parameters;
    const userId = parameters.find((parameter) => parameter.name === 'user_id');
    expect(userId?.description).toContain('Required for role admin (400 without it');
  });
});

interface OpenApi {
  paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
}

describe('MANUAL_REFRESH_REQUIRES_PREMIUM', () => {
  const refresh = async (kit: BankingKit, caller: string, body: object = {}) =>
    request(kit.app.getHttpServer())
      .post(api('/banking/tink/refresh-data'))
      .set('Authorization', caller)
      .send(body);

  describe('on', () => {
    let kit: BankingKit;

    beforeAll(async () => {
      kit = await startBankingKit({
        SCHEDULER_ENABLED: 'false',
        MANUAL_REFRESH_REQUIRES_PREMIUM: 'true',
      });
    });

    afterAll(async () => {
      await kit?.close();
    });

    it('refuses a free user with 403 naming the setting, and an admin refreshing that user too', async () => {
      const bob = await kit.linkUser({ plan: 'free' });
      const message = `A manual refresh needs an active premium subscription (MANUAL_REFRESH_REQUIRES_PREMIUM=true); user ${bob.user.id} has none`;
      const own = await refresh(kit, `Bearer ${kit.tokenFor('user', bob.user.id)}`);
      expect(own.status).toBe(403);
      expect(own.body).toMatchObject({ statusCode: 403, message });
      const byAdmin = await refresh(kit, `Bearer ${kit.tokenFor('admin', 999)}`, {
        user_id: bob.user.id,
      });
      expect(byAdmin.status).toBe(403);
    });

    it('refuses a premium subscription that has ended, and syncs an active one', async () => {
      const lapsed = await kit.linkUser({
        plan: 'premium',
        premiumUntil: new Date(Date.now() - 60_000),
      });
      expect((await refresh(kit, `Bearer ${kit.tokenFor('user', lapsed.user.id)}`)).status).toBe(
        403,
      );
      const carla = await kit.linkUser({ plan: 'premium' });
      const res = await refresh(kit, `Bearer ${kit.tokenFor('user', carla.user.id)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user_id: carla.user.id });
    });
  });

  describe('off (the default)', () => {
    let kit: BankingKit;

    beforeAll(async () => {
      kit = await startBankingKit({ SCHEDULER_ENABLED: 'false' });
    });

    afterAll(async () => {
      await kit?.close();
    });

    it('lets a free user refresh their own data', async () => {
      const bob = await kit.linkUser({ plan: 'free' });
      const res = await refresh(kit, `Bearer ${kit.tokenFor('user', bob.user.id)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user_id: bob.user.id });
    });
  });
});
