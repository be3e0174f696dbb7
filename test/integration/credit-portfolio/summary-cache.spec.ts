import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer, Socket } from 'node:net';
import { createClient } from '@keyv/redis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from '../../../src/credit-portfolio/entities';
import { generateWorkbooks } from '../../fixtures/credit-portfolio/generate-workbooks';
import { TestApp } from '../../utils/test-app';
import { ExportsFtp, LogCapture, runImport, startImportApp } from '../../kits/credit-portfolio-kit';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function summary(t: TestApp): Promise<{ cache: string; body: Record<string, unknown> }> {
  const res = await request(t.app.getHttpServer())
    .get('/api/v1/credit-portfolio/summary?department_id=8')
    .set('Authorization', `Bearer ${t.tokenFor('admin')}`)
    .expect(200);
  return { cache: String(res.headers['x-cache']), body: res.body };
}

/** Adds a row behind the importer's back: only a fresh computation can see it. */
async function sneakOrganizationIn(t: TestApp): Promise<void> {
  await t.app.get(DataSource).getRepository(OrganizationEntity).insert({
    departmentId: 8,
    inn: '7700000000',
    name: 'inserted by the test',
  });
}

async function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const socket = new Socket();
  const reachable = await new Promise<boolean>((resolve) => {
    socket.setTimeout(500);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
    socket.connect(Number(port || 6379), hostname);
  });
  socket.destroy();
  return reachable;
}

describe('credit-portfolio summary cache', () => {
  let ftp: ExportsFtp;
  let t: TestApp | undefined;
  const logs = new LogCapture();

  beforeAll(async () => {
    ftp = await ExportsFtp.start();
  });

  afterAll(async () => {
    await ftp?.stop();
  });

  afterEach(async () => {
    logs.stop();
    logs.clear();
    await t?.close();
    t = undefined;
    await ftp.clear();
  });

  async function cachedUntilImport(app: TestApp): Promise<void> {
    const first = await summary(app);
    expect(first.cache).toBe('MISS');
    expect(first.body).toMatchObject({ department_id: 8, department_name: 'Finance', as_of: null });
    expect(first.body.totals).toEqual([]);
    expect((await summary(app)).cache).toBe('HIT');

    await sneakOrganizationIn(app);
    const stale = await summary(app);
    expect(stale.cache).toBe('HIT');
    expect(stale.body).toEqual(first.body);

    await generateWorkbooks({ outDir: ftp.exportDir, days: 1, rowsPerFile: 25 });
    logs.start();
    expect((await runImport(app)).status).toBe('completed');
    expect(logs.messages()).toContain('Invalidated analytics cache after importing 3 files');

    const fresh = await summary(app);
    expect(fresh.cache).toBe('MISS');
    expect(fresh.body.counts).toMatchObject({ receipts: 25, expenses: 25, expense_details: 25 });
    expect((fresh.body.totals as unknown[]).length).toBe(1);
    expect((await summary(app)).cache).toBe('HIT');
  }

  it('keeps the summary in memory until an import changes the data', async () => {
    t = await startImportApp(ftp.env());
    await cachedUntilImport(t);
  });

  it('does not invalidate when a run imports nothing', async () => {
    await generateWorkbooks({ outDir: ftp.exportDir, days: 1, rowsPerFile: 5 });
    t = await startImportApp(ftp.env());
    await runImport(t);
    expect((await summary(t)).cache).toBe('MISS');
    expect((await runImport(t)).details).toMatchObject({ files_imported: 0, files_unchanged: 3 });
    expect((await summary(t)).cache).toBe('HIT');
  });

  it('shares the cache through Redis when REDIS_URL is set', async () => {
    if (!(await redisReachable(REDIS_URL))) {
      console.warn(`Redis not reachable at ${REDIS_URL}: Redis cache case not run`);
      return;
    }
    const prefix = `finsync-test-${randomBytes(4).toString('hex')}`;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      t = await startImportApp({ ...ftp.env(), REDIS_URL, REDIS_KEY_PREFIX: prefix });
      await summary(t);
      const keys = await redis.keys(`${prefix}:credit-portfolio*`);
      expect(keys).toEqual([`${prefix}:credit-portfolio::summary:8`]);
      await t.close();
      t = await startImportApp({ ...ftp.env(), REDIS_URL, REDIS_KEY_PREFIX: `${prefix}-b` });
      await cachedUntilImport(t);
    } finally {
      for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
      await redis.quit();
    }
  });

  it('still answers, uncached, when Redis is down', async () => {
    const deadServer = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => deadServer.listen(0, '127.0.0.1', resolve));
    const { port } = deadServer.address() as AddressInfo;
    await new Promise((resolve) => deadServer.close(resolve));
    t = await startImportApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const started = Date.now();
    expect((await summary(t)).cache).toBe('MISS');
    expect((await summary(t)).cache).toBe('MISS');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
