import { GoCardlessKit, startGoCardlessKit } from '../kits/gocardless-kit';
import type { UserEntity } from '../../src/users/user.entity';

const api = (path: string): string => `/api/v1${path}`;
const RETURN_URL = 'https://budget.example.com/banks/return';

/** Follows the simulator's link page as the user's browser would; answers the redirect. */
async function walkLink(link: string): Promise<URL> {
  const response = await fetch(link, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`the link page answered ${response.status} without a redirect`);
  return new URL(location);
}

describe('GoCardless connect flow and schedule over HTTP', () => {
  let kit: GoCardlessKit;
  let alice: UserEntity;
  let asAlice: string;

  beforeAll(async () => {
    kit = await startGoCardlessKit();
    alice = await kit.newUser();
    asAlice = kit.bearer(alice);
  });

  afterAll(async () => {
    await kit?.close();
  });

  const startRequisition = (institutionId: string) =>
    kit.http
      .post(api('/banking/gocardless/requisitions'))
      .set('Authorization', asAlice)
      .send({ institution_id: institutionId, redirect_url: RETURN_URL });

  it('lists institutions of a country with their limits as numbers, cached', async () => {
    kit.sim.resetCounters();
    for (let i = 0; i < 2; i += 1) {
      const res = await kit.http
        .get(api('/banking/gocardless/institutions?country=GB'))
        .set('Authorization', asAlice)
        .expect(200);
      expect(res.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: 'STRICTBANK_STRKGB2L',
            transaction_total_days: 90,
            max_access_valid_for_days: 90,
          }),
        ]),
      );
    }
    expect(kit.sim.counters().byRoute['institutions.list']).toBe(1);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const country = await kit.http
      .get(api('/banking/gocardless/institutions?country=G1'))
      .set('Authorization', asAlice)
      .expect(400);
    expect(country.body.message).toMatch(/country/);
    const redirect = await kit.http
      .post(api('/banking/gocardless/requisitions'))
      .set('Authorization', asAlice)
      .send({ institution_id: 'STRICTBANK_STRKGB2L', redirect_url: 'ftp://nope' })
      .expect(400);
    expect(redirect.body.message).toMatch(/redirect_url/);
    const unknown = await startRequisition('NO_SUCH_BANK').expect(400);
    expect(unknown.body.message).toMatch(/institution_id/);
  });

  it('connects a bank end to end: agreement with the bank limits, link, callback, connection, task, first sync', async () => {
    const started = await startRequisition('STRICTBANK_STRKGB2L').expect(200);
    expect(started.body).toEqual({ link: expect.any(String), requisition_id: expect.any(String) });
    const requisition = kit.sim.requisition(started.body.requisition_id);
    const agreement = kit.sim.agreement(requisition.agreementId);
    expect(agreement).toMatchObject({ maxHistoricalDays: 90, accessValidForDays: 90 });

    const back = await walkLink(started.body.link);
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    const ref = back.searchParams.get('ref') as string;
    expect(ref.length).toBeGreaterThanOrEqual(32);

    // The callback is public: the reference alone is bound to alice.
    const done = await kit.http
      .get(api(`/banking/gocardless/callback?ref=${encodeURIComponent(ref)}`))
      .expect(200);
    expect(done.body).toMatchObject({ status: 'linked', requisition_status: 'LN', error: null });
    const connectionId: number = done.body.connection_id;
    await kit.settle(connectionId);

    const connection = await kit.connection(connectionId);
    expect(connection).toMatchObject({
      userId: alice.id,
      provider: 'gocardless',
      status: 'active',
    });
    expect(connection.consentExpiresAt).not.toBeNull();
    expect(await kit.count('scheduled_tasks', `source_id = '${connectionId}'`)).toBe(1);
    expect(await kit.count('bank_accounts', `connection_id = ${connectionId}`)).toBeGreaterThan(0);
    expect(await kit.count('transactions')).toBeGreaterThan(0);

    const again = await kit.http
      .get(api(`/banking/gocardless/callback?ref=${encodeURIComponent(ref)}`))
      .expect(200);
    expect(again.body.connection_id).toBe(connectionId);
  });

  it('records and shows a cancelled session', async () => {
    kit.sim.setLinkOutcome({ kind: 'cancel' });
    const started = await startRequisition('SANDBOXFINANCE_SFIN0000').expect(200);
    const back = await walkLink(started.body.link);
    kit.sim.setLinkOutcome({ kind: 'approve' });
    expect(back.searchParams.get('error')).toBe('UserCancelledSession');
    const res = await kit.http.get(api(`/banking/gocardless/callback${back.search}`)).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', connection_id: null });
    expect(res.body.error).toMatch(/UserCancelledSession/);
  });

  it('runs the consent check on demand for an admin only', async () => {
    await kit.http
      .post(api('/banking/gocardless/health-check'))
      .set('Authorization', asAlice)
      .expect(403);
    const res = await kit.http
      .post(api('/banking/gocardless/health-check'))
      .set('Authorization', `Bearer ${kit.tokenFor('admin', 999)}`)
      .expect(202);
    expect(res.body.run_id).toEqual(expect.any(String));
  });

  it('answers 404 for a reference it never issued', async () => {
    const res = await kit.http
      .get(api('/banking/gocardless/callback?ref=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))
      .expect(404);
    expect(res.body.message).toMatch(/ref/);
  });

  describe('PATCH /banking/connections/{id}/schedule and disconnecting', () => {
    it('changes interval and retries of the own connection, refusing what the budget cannot sustain', async () => {
      const { connection, user } = await kit.linkUser({ accounts: [{ booked: 1 }] });
      const path = api(`/banking/connections/${connection.id}/schedule`);
      const tooOften = await kit.http
        .patch(path)
        .set('Authorization', kit.bearer(user))
        .send({ interval_hours: 2 })
        .expect(400);
      expect(tooOften.body.message).toMatch(/interval_hours must be at least 6/);

      const changed = await kit.http
        .patch(path)
        .set('Authorization', kit.bearer(user))
        .send({ interval_hours: 12, max_retries: 5 })
        .expect(200);
      expect(changed.body).toMatchObject({
        connection_id: connection.id,
        interval_hours: 12,
        max_retries: 5,
        retry_delay_seconds: 300,
      });
      const [task] = await kit.dataSource.query(
        `SELECT interval_seconds, max_retries FROM scheduled_tasks WHERE source_id = '${connection.id}'`,
      );
      expect(Number(task.interval_seconds)).toBe(12 * 3600);
      expect(Number(task.max_retries)).toBe(5);

      await kit.http.patch(path).set('Authorization', asAlice).send({ max_retries: 1 }).expect(404);
      const bad = await kit.http
        .patch(path)
        .set('Authorization', kit.bearer(user))
        .send({ max_retries: -1 })
        .expect(400);
      expect(bad.body.message).toMatch(/max_retries/);
    });

    it('deletes the task when the connection is disconnected', async () => {
      const { connection, user } = await kit.linkUser({ accounts: [{ booked: 1 }] });
      await kit.http
        .delete(api(`/banking/gocardless/connections/${connection.id}`))
        .set('Authorization', asAlice)
        .expect(404);
      await kit.http
        .delete(api(`/banking/gocardless/connections/${connection.id}`))
        .set('Authorization', kit.bearer(user))
        .expect(204);
      expect(await kit.count('scheduled_tasks', `source_id = '${connection.id}'`)).toBe(0);
      expect((await kit.connection(connection.id)).status).toBe('disconnected');
    });
  });
});
