import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, FTPError } from 'basic-ftp';
import { detectFileKind, parseWorkbookFully } from '../../../src/credit-portfolio/parsing';
import {
  GeneratedWorkbook,
  writeDayWorkbook,
} from '../../fixtures/credit-portfolio/generate-workbooks';
import { FtpTestServer, FtpTestServerAddress } from '../../simulators/ftp/ftp-server';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function connect(
  address: FtpTestServerAddress,
  password = address.password,
): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: address.host, port: address.port, user: address.user, password });
  return client;
}

describe('FTP test server', () => {
  let workDir: string;
  let server: FtpTestServer;
  let address: FtpTestServerAddress;
  let workbook: GeneratedWorkbook;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'credit-portfolio-ftp-'));
    workbook = await writeDayWorkbook('expenses', {
      outDir: join(workDir, 'root', 'exports'),
      date: '2026-01-15',
      rows: 300,
    });
    server = new FtpTestServer({ root: join(workDir, 'root'), readOnly: true });
    address = await server.start();
  });

  afterAll(async () => {
    await server.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('listens on a free loopback port', () => {
    expect(address.host).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
    expect(address.url).toBe(`ftp://127.0.0.1:${address.port}`);
  });

  it('lets basic-ftp list and download a generated workbook', async () => {
    const client = await connect(address);
    try {
      const listing = await client.list('/exports');
      expect(listing.map((entry) => entry.name)).toEqual(['expenses_2026-01-15.xlsx']);
      const original = await readFile(workbook.path);
      expect(listing[0].size).toBe(original.length);
      expect(detectFileKind(listing[0].name)).toEqual({ kind: 'expenses', date: '2026-01-15' });
      expect(await client.lastMod('/exports/expenses_2026-01-15.xlsx')).toBeInstanceOf(Date);

      const downloaded = join(workDir, 'downloaded.xlsx');
      await client.downloadTo(downloaded, '/exports/expenses_2026-01-15.xlsx');
      expect(sha256(await readFile(downloaded))).toBe(sha256(original));

      const parsed = await parseWorkbookFully(downloaded, 'expenses');
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toHaveLength(300);
    } finally {
      client.close();
    }
  });

  it('rejects a wrong password with 530', async () => {
    const attempt = connect(address, 'not-the-password');
    await expect(attempt).rejects.toBeInstanceOf(FTPError);
    await expect(attempt).rejects.toMatchObject({ code: 530 });
  });

  it('refuses uploads when read-only', async () => {
    const client = await connect(address);
    try {
      await expect(client.uploadFrom(workbook.path, '/exports/copy.xlsx')).rejects.toBeInstanceOf(
        FTPError,
      );
    } finally {
      client.close();
    }
  });

  it('reports a missing file without dropping the connection', async () => {
    const client = await connect(address);
    try {
      await expect(
        client.downloadTo(join(workDir, 'missing.xlsx'), '/exports/nope.xlsx'),
      ).rejects.toBeInstanceOf(FTPError);
      expect(client.closed).toBe(false);
      expect(await client.list('/exports')).toHaveLength(1);
    } finally {
      client.close();
    }
  });
});

describe('FTP test server lifecycle', () => {
  it('disconnects clients and frees its port on stop, and can start again', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'credit-portfolio-ftp-'));
    const server = new FtpTestServer({ root: workDir, user: 'other', password: 'secret' });
    try {
      const first = await server.start();
      expect(first.user).toBe('other');
      const lingering = await connect(first);
      await server.stop();
      await expect(lingering.list('/')).rejects.toThrow();
      lingering.close();
      await expect(connect(first)).rejects.toThrow(/ECONNREFUSED/);
      expect(() => server.address).toThrow(/not running/);

      const second = await server.start();
      (await connect(second)).close();
    } finally {
      await server.stop();
      await server.stop();
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
