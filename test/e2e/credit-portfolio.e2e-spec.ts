import request from 'supertest';
import { DataSource } from 'typeorm';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import {
  CreditPortfolioFtp,
  startCreditPortfolioFtp,
} from '../simulators/ftp/credit-portfolio-demo';
import { startTestApp, TestApp } from '../utils/test-app';

const ROUTES = [
  ['post', '/api/v1/credit-portfolio/import/trigger'],
  ['get', '/api/v1/credit-portfolio/imports'],
  ['get', '/api/v1/credit-portfolio/summary?department_id=8'],
] as const;

describe('credit-portfolio API', () => {
  let ftp: CreditPortfolioFtp;
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: string;
  let runId: string;

  const waitForRun = async (id: string): Promise<TaskLogEntity> => {
    const runs = t.app.get(DataSource).getRepository(TaskLogEntity);
    for (let waited = 0; waited < 60_000; waited += 50) {
      const run = await runs.findOneByOrFail({ id });
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${id} did not finish`);
  };

  beforeAll(async () => {
    // Big enough that an import takes a while, so a second trigger meets a running one.
    ftp = await startCreditPortfolioFtp({ days: 1, rowsPerFile: 3000 });
    t = await startTestApp({ SCHEDULER_ENABLED: 'false', ...ftp.env });
    http = request(t.app.getHttpServer());
    admin = `Bearer ${t.tokenFor('admin')}`;
  });

  afterAll(async () => {
    await t?.close();
    await ftp?.stop();
  });

  it.each(ROUTES)('%s %s: 401 without a token', async (method, path) => {
    const res = await http[method](path).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it.each(ROUTES)('%s %s: 403 for a user token', async (method, path) => {
    const res = await http[method](path)
      .set('Authorization', `Bearer ${t.tokenFor('user')}`)
      .expect(403);
    expect(res.body.message).toBe('This route requires role admin');
  });

  it('POST import/trigger: 202 with the run id, then 409 while that run is in progress', async () => {
    const started = await http
      .post('/api/v1/credit-portfolio/import/trigger')
      .set('Authorization', admin)
      .expect(202);
    expect(started.body).toEqual({
      run_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'started',
    });
    runId = started.body.run_id;

    const refused = await http
      .post('/api/v1/credit-portfolio/import/trigger')
      .set('Authorization', admin)
      .expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(refused.body.message).toMatch(/already running and its overlap policy is skip/);

    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'completed', trigger: 'manual' });
  });

  it('GET imports: the ledger of that run, newest first, page by page', async () => {
    const first = await http
      .get(`/api/v1/credit-portfolio/imports?run_id=${runId}&limit=2`)
      .set('Authorization', admin)
      .expect(200);
    expect(first.body.items.map((item: { file_name: string }) => item.file_name)).toEqual([
      'expense_details_2026-01-15.xlsx',
      'expenses_2026-01-15.xlsx',
    ]);
    expect(first.body.items[0]).toMatchObject({
      department_id: 8,
      run_id: runId,
      remote_path: '/exports/expense_details_2026-01-15.xlsx',
      file_kind: 'expense_details',
      file_date: '2026-01-15',
      status: 'imported',
      rows_read: 3000,
      rows_imported: 3000,
      problem_count: 0,
      error_message: null,
      error_report: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await http
      .get(
        `/api/v1/credit-portfolio/imports?run_id=${runId}&limit=2&cursor=${first.body.next_cursor}`,
      )
      .set('Authorization', admin)
      .expect(200);
    expect(second.body.items.map((item: { file_name: string }) => item.file_name)).toEqual([
      'receipts_2026-01-15.xlsx',
    ]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('GET imports: 400 for a bad filter', async () => {
    const res = await http
      .get('/api/v1/credit-portfolio/imports?status=done')
      .set('Authorization', admin)
      .expect(400);
    expect(res.body.message).toMatch(/status/);
  });

  it('GET summary: the imported portfolio, with its default department', async () => {
    const res = await http
      .get('/api/v1/credit-portfolio/summary')
      .set('Authorization', admin)
      .expect(200);
    expect(res.body).toMatchObject({
      department_id: 8,
      department_name: 'Finance',
      as_of: '2026-01-15',
      counts: { receipts: 3000, expenses: 3000, expense_details: 3000, imported_files: 3 },
    });
    expect(res.body.by_contract.length).toBe(res.body.counts.contracts);
    expect(res.body.by_organization.length).toBe(res.body.counts.organizations);
    expect(res.body.totals[0]).toMatchObject({
      currency: 'RUB',
      received: expect.stringMatching(/^\d+\.\d{2,4}$/),
      outstanding_principal: expect.stringMatching(/^-?\d+\.\d{2,4}$/),
    });
  });

  it('GET summary: 404 for an unknown department, 400 for a malformed one', async () => {
    await http
      .get('/api/v1/credit-portfolio/summary?department_id=999')
      .set('Authorization', admin)
      .expect(404);
    const res = await http
      .get('/api/v1/credit-portfolio/summary?department_id=abc')
      .set('Authorization', admin)
      .expect(400);
    expect(res.body.message).toMatch(/department_id/);
  });
});
