import {
  LONG_ACCESS_INSTITUTION_ID,
  SANDBOX_INSTITUTION_ID,
  STRICT_INSTITUTION_ID,
} from '../../simulators/gocardless';
import {
  accessToken,
  call,
  useGoCardlessSimulator,
} from '../../simulators/gocardless/gocardless-simulator.testing';

interface Requisition {
  id: string;
  status: string;
  link: string;
  accounts: string[];
  agreement: string;
  reference: string;
}

describe('GoCardless simulator: institutions', () => {
  const sim = useGoCardlessSimulator();

  it('lists the sandbox, the strict 90-day bank and the 180-day bank with day limits as strings', async () => {
    const token = await accessToken(sim());
    const response = await call(sim(), 'GET', '/api/v2/institutions/?country=GB', { token });
    expect(response.status).toBe(200);
    const listed = response.body as Record<string, unknown>[];
    expect(listed.map((institution) => institution.id)).toEqual([
      SANDBOX_INSTITUTION_ID,
      STRICT_INSTITUTION_ID,
    ]);
    expect(listed[1]).toMatchObject({
      transaction_total_days: '90',
      max_access_valid_for_days: '90',
    });
    const long = await call(sim(), 'GET', `/api/v2/institutions/${LONG_ACCESS_INSTITUTION_ID}/`, {
      token,
    });
    expect(long.body).toMatchObject({
      transaction_total_days: '730',
      max_access_valid_for_days: '180',
      supported_features: expect.any(Array),
      supported_payments: expect.any(Object),
    });
    const de = await call(sim(), 'GET', '/api/v2/institutions/?country=de', { token });
    expect((de.body as { id: string }[]).map((institution) => institution.id)).toContain(
      LONG_ACCESS_INSTITUTION_ID,
    );
  });
});

describe('GoCardless simulator: end-user agreements', () => {
  const sim = useGoCardlessSimulator();

  it('refuses days beyond the institution limits with the documented 400, accepts 90/89', async () => {
    const token = await accessToken(sim());
    const tooLong = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: {
        institution_id: STRICT_INSTITUTION_ID,
        max_historical_days: 730,
        access_valid_for_days: 90,
      },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({
      summary: 'Incorrect max_historical_days',
      detail: expect.stringContaining('<= 90'),
      status_code: 400,
    });
    const tooLongAccess = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: { institution_id: STRICT_INSTITUTION_ID, access_valid_for_days: 180 },
    });
    expect(tooLongAccess.body).toMatchObject({ summary: 'Incorrect access_valid_for_days' });

    const fallback = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: {
        institution_id: STRICT_INSTITUTION_ID,
        max_historical_days: 90,
        access_valid_for_days: 89,
      },
    });
    expect(fallback.status).toBe(201);
    expect(fallback.body).toMatchObject({
      institution_id: STRICT_INSTITUTION_ID,
      max_historical_days: 90,
      access_valid_for_days: 89,
      access_scope: ['balances', 'details', 'transactions'],
      accepted: null,
    });
    const long = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: { institution_id: LONG_ACCESS_INSTITUTION_ID, access_valid_for_days: 180 },
    });
    expect(long.status).toBe(201);
  });

  it('gets, lists, accepts once and deletes an agreement', async () => {
    const token = await accessToken(sim());
    const created = await call(sim(), 'POST', '/api/v2/agreements/enduser/', {
      token,
      json: { institution_id: SANDBOX_INSTITUTION_ID },
    });
    const { id } = created.body as { id: string };
    const path = `/api/v2/agreements/enduser/${id}/`;
    expect((await call(sim(), 'GET', path, { token })).body).toMatchObject({ id, accepted: null });
    const list = await call(sim(), 'GET', '/api/v2/agreements/enduser/?limit=1&offset=0', {
      token,
    });
    expect(list.body).toMatchObject({
      count: expect.any(Number),
      previous: null,
      results: [expect.objectContaining({ id: expect.any(String) })],
    });
    const consent = { user_agent: 'jest', ip_address: '127.0.0.1' };
    const accepted = await call(sim(), 'PUT', `${path}accept/`, { token, json: consent });
    expect(accepted.body).toMatchObject({ accepted: expect.stringMatching(/Z$/) });
    const again = await call(sim(), 'PUT', `${path}accept/`, { token, json: consent });
    expect(again.status).toBe(405);
    expect((await call(sim(), 'DELETE', path, { token })).status).toBe(200);
    expect((await call(sim(), 'GET', path, { token })).status).toBe(404);
    const invalid = await call(sim(), 'GET', '/api/v2/agreements/enduser/nope/', { token });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ summary: 'Invalid ID', status_code: 400 });
  });
});

describe('GoCardless simulator: requisitions and the link walk', () => {
  const sim = useGoCardlessSimulator();

  async function createRequisition(token: string, reference: string): Promise<Requisition> {
    const response = await call(sim(), 'POST', '/api/v2/requisitions/', {
      token,
      json: {
        redirect: 'https://app.example/callback?source=gc',
        institution_id: SANDBOX_INSTITUTION_ID,
        reference,
      },
    });
    expect(response.status).toBe(201);
    return response.body as Requisition;
  }

  it('walks CR → GC → UA → SA → GA → LN, fills accounts and redirects with ?ref=', async () => {
    const token = await accessToken(sim());
    const requisition = await createRequisition(token, 'walk-1');
    expect(requisition).toMatchObject({ status: 'CR', accounts: [] });
    expect(requisition.link).toBe(
      `${sim().url}/ob-psd2/start/${requisition.id}/${SANDBOX_INSTITUTION_ID}`,
    );
    sim().setLinkAccounts([{ booked: 3 }, { booked: 1 }], requisition.id);

    const page = await fetch(requisition.link, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const location = new URL(page.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://app.example/callback');
    expect(location.searchParams.get('ref')).toBe('walk-1');
    expect(location.searchParams.get('source')).toBe('gc');
    expect(location.searchParams.get('error')).toBeNull();
    expect(sim().requisitionHistory(requisition.id)).toEqual(['CR', 'GC', 'UA', 'SA', 'GA', 'LN']);

    const linked = await call(sim(), 'GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(linked.body).toMatchObject({
      status: 'LN',
      accounts: [expect.any(String), expect.any(String)],
    });
    const agreement = await call(
      sim(),
      'GET',
      `/api/v2/agreements/enduser/${requisition.agreement}/`,
      { token },
    );
    expect(agreement.body).toMatchObject({ accepted: expect.any(String) });

    const reused = await fetch(requisition.link, { redirect: 'manual' });
    expect(new URL(reused.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'RequisitionLinkReused',
    );
  });

  it('ends in RJ with error=UserCancelledSession when the user cancels', async () => {
    const token = await accessToken(sim());
    const requisition = await createRequisition(token, 'cancel-1');
    sim().setLinkOutcome({ kind: 'cancel' }, requisition.id);
    const page = await fetch(requisition.link, { redirect: 'manual' });
    const location = new URL(page.headers.get('location') ?? '');
    expect(location.searchParams.get('ref')).toBe('cancel-1');
    expect(location.searchParams.get('error')).toBe('UserCancelledSession');
    expect(location.searchParams.get('details')).toEqual(expect.any(String));
    const rejected = await call(sim(), 'GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(rejected.body).toMatchObject({ status: 'RJ', accounts: [] });
  });

  it('leaves an abandoned walk where the user stopped, for clients that poll', async () => {
    const token = await accessToken(sim());
    const requisition = await createRequisition(token, 'abandon-1');
    sim().setLinkOutcome({ kind: 'abandon', at: 'UA' }, requisition.id);
    expect((await fetch(requisition.link, { redirect: 'manual' })).status).toBe(200);
    const polled = await call(sim(), 'GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(polled.body).toMatchObject({ status: 'UA', accounts: [] });
    sim().setRequisitionStatus(requisition.id, 'LN');
    const linked = await call(sim(), 'GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect((linked.body as Requisition).accounts).toHaveLength(1);
  });

  it('refuses a duplicate reference and a missing redirect, lists and deletes', async () => {
    const token = await accessToken(sim());
    const requisition = await createRequisition(token, 'unique-1');
    const duplicate = await call(sim(), 'POST', '/api/v2/requisitions/', {
      token,
      json: {
        redirect: 'https://x.example',
        institution_id: SANDBOX_INSTITUTION_ID,
        reference: 'unique-1',
      },
    });
    expect(duplicate.status).toBe(400);
    const noRedirect = await call(sim(), 'POST', '/api/v2/requisitions/', {
      token,
      json: { institution_id: SANDBOX_INSTITUTION_ID },
    });
    expect(noRedirect.status).toBe(400);
    expect(noRedirect.body).toMatchObject({ status_code: 400, summary: expect.any(String) });

    const firstPage = await call(sim(), 'GET', '/api/v2/requisitions/?limit=2&offset=0', { token });
    const page = firstPage.body as { count: number; next: string | null; results: unknown[] };
    expect(page.results).toHaveLength(2);
    expect(page.count).toBeGreaterThan(2);
    expect(page.next).toBe(`${sim().url}/api/v2/requisitions/?limit=2&offset=2`);

    const deleted = await call(sim(), 'DELETE', `/api/v2/requisitions/${requisition.id}/`, {
      token,
    });
    expect(deleted.body).toEqual({
      summary: 'Requisition deleted',
      detail: `Requisition '${requisition.id}' deleted with all its End User Agreements`,
    });
    const gone = await call(sim(), 'GET', `/api/v2/requisitions/${requisition.id}/`, { token });
    expect(gone.status).toBe(404);
  });
});
