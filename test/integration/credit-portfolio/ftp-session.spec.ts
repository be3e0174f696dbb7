import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  FtpConnectionSettings,
  FtpPermanentError,
  FtpSession,
  FtpUnavailableError,
  RedactedSecret,
  TempDirectory,
} from '../../../src/infra/ftp';
import { FtpTestServer, FtpTestServerAddress } from '../../simulators/ftp/ftp-server';
import { selfSignedCertificate } from '../../fixtures/credit-portfolio/self-signed-certificate';

const silent = { log: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };

function settingsFor(
  address: Pick<FtpTestServerAddress, 'host' | 'port'>,
  overrides: Partial<FtpConnectionSettings> = {},
): FtpConnectionSettings {
  return {
    host: address.host,
    port: address.port,
    user: 'finsync',
    password: new RedactedSecret('finsync-test-password'),
    secure: false,
    timeoutMs: 2000,
    retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    ...overrides,
  };
}

/** Records the backoff instead of waiting it out. */
function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('FtpSession against a loopback FTP server', () => {
  let root: string;
  let server: FtpTestServer;
  let address: FtpTestServerAddress;
  const content = Buffer.from('PK\u0003\u0004 not really a workbook');

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ftp-session-'));
    await mkdir(join(root, 'exports'));
    await writeFile(join(root, 'exports', 'expenses_2026-01-15.xlsx'), content);
    await writeFile(join(root, 'exports', 'notes.txt'), 'hello');
    await mkdir(join(root, 'exports', 'archive'));
    server = new FtpTestServer({ root });
    address = await server.start();
  });

  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('lists the regular files with size and MDTM time, and downloads into a temp directory', async () => {
    const session = await FtpSession.open(settingsFor(address), { logger: silent });
    const temp = await TempDirectory.create('ftp-session-test');
    try {
      const files = await session.list('/exports/');
      expect(files.map((file) => [file.name, file.path, file.size]).sort()).toEqual([
        ['expenses_2026-01-15.xlsx', '/exports/expenses_2026-01-15.xlsx', content.length],
        ['notes.txt', '/exports/notes.txt', 5],
      ]);
      expect(files.every((file) => file.modifiedAt instanceof Date)).toBe(true);
      const local = temp.fileFor('expenses_2026-01-15.xlsx');
      await session.download('/exports/expenses_2026-01-15.xlsx', local);
      const digest = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
      expect(digest(await readFile(local))).toBe(digest(content));
      expect(session.connectionCount).toBe(1);
    } finally {
      session.close();
      await temp.remove();
    }
    expect(existsSync(temp.path)).toBe(false);
  });

  it('keeps remote names inside the temp directory', async () => {
    const temp = await TempDirectory.create('ftp-session-test');
    try {
      expect(temp.fileFor('../../etc/passwd')).toBe(join(temp.path, 'passwd'));
      expect(() => temp.fileFor('..')).toThrow(/Unusable file name/);
    } finally {
      await temp.remove();
    }
  });

  it('retries a refused connection with growing, jittered delays, then gives up clearly', async () => {
    const port = await closedPort();
    const { delays, sleep } = recordingSleep();
    const attempt = FtpSession.open(settingsFor({ host: '127.0.0.1', port }), {
      logger: silent,
      sleep,
      random: () => 0.5,
    });
    await expect(attempt).rejects.toBeInstanceOf(FtpUnavailableError);
    await expect(attempt).rejects.toThrow(
      `FTP server 127.0.0.1:${port} unreachable after 4 attempt(s): connect ECONNREFUSED 127.0.0.1:${port} (control socket)`,
    );
    // Equal jitter: half the nominal delay fixed, half random (0.5 here).
    expect(delays).toEqual([75, 150, 300]);
  });

  it('caps the backoff', async () => {
    const port = await closedPort();
    const { delays, sleep } = recordingSleep();
    await expect(
      FtpSession.open(
        settingsFor(
          { host: '127.0.0.1', port },
          { retry: { retries: 6, baseDelayMs: 100, maxDelayMs: 400 } },
        ),
        { logger: silent, sleep, random: () => 0.99 },
      ),
    ).rejects.toBeInstanceOf(FtpUnavailableError);
    expect(delays.map((delay) => delay <= 400)).toEqual(Array(6).fill(true));
    expect(delays[5]).toBe(Math.round(200 + 0.99 * 200));
  });

  it('treats a server that never greets as unreachable (timeout), after retrying', async () => {
    const silentServer: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
    const { port } = silentServer.address() as AddressInfo;
    const { sleep } = recordingSleep();
    try {
      await expect(
        FtpSession.open(
          settingsFor(
            { host: '127.0.0.1', port },
            { timeoutMs: 200, retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10 } },
          ),
          { logger: silent, sleep },
        ),
      ).rejects.toThrow(
        `FTP server 127.0.0.1:${port} unreachable after 2 attempt(s): Timeout (control socket)`,
      );
    } finally {
      silentServer.close();
    }
  });

  it('does not retry a wrong password, and never shows it', async () => {
    const { delays, sleep } = recordingSleep();
    const attempt = FtpSession.open(
      settingsFor(address, { password: new RedactedSecret('wrong-password-123') }),
      { logger: silent, sleep },
    );
    await expect(attempt).rejects.toBeInstanceOf(FtpPermanentError);
    const error = (await attempt.catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/^Connecting on FTP server 127\.0\.0\.1:\d+ failed: 530 /);
    expect(error.message).not.toContain('wrong-password-123');
    expect(delays).toEqual([]);
  });

  it('reports a missing remote file as permanent and keeps the session usable', async () => {
    const session = await FtpSession.open(settingsFor(address), { logger: silent });
    const temp = await TempDirectory.create('ftp-session-test');
    try {
      await expect(
        session.download('/exports/nope.xlsx', temp.fileFor('nope.xlsx')),
      ).rejects.toBeInstanceOf(FtpPermanentError);
      expect(await session.list('/exports')).toHaveLength(2);
    } finally {
      session.close();
      await temp.remove();
    }
  });

  it('reconnects when the server drops the connection between commands', async () => {
    const before = new FtpTestServer({ root });
    const first = await before.start();
    const session = await FtpSession.open(settingsFor(first), { logger: silent });
    const after = new FtpTestServer({ root, port: first.port });
    const temp = await TempDirectory.create('ftp-session-test');
    try {
      await before.stop();
      await after.start();
      await session.download('/exports/expenses_2026-01-15.xlsx', temp.fileFor('a.xlsx'));
      expect(session.connectionCount).toBe(2);
    } finally {
      session.close();
      await temp.remove();
      await before.stop();
      await after.stop();
    }
  });

  it('stops waiting between attempts when aborted', async () => {
    const port = await closedPort();
    const controller = new AbortController();
    const attempt = FtpSession.open(
      settingsFor(
        { host: '127.0.0.1', port },
        { retry: { retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
      ),
      { logger: silent, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('run timed out')), 100);
    await expect(attempt).rejects.toThrow('run timed out');
  });

  it('keeps the password out of logs, JSON and inspect output', () => {
    const settings = settingsFor(address);
    expect(JSON.stringify(settings)).not.toContain('finsync-test-password');
    expect(inspect(settings)).not.toContain('finsync-test-password');
    expect(`${settings.password}`).toBe('[REDACTED]');
    expect(settings.password.reveal()).toBe('finsync-test-password');
  });
});

describe('FtpSession over FTPS', () => {
  const certificate = selfSignedCertificate();
  const maybe = certificate ? it : it.skip;
  let root: string;
  let server: FtpTestServer;
  let address: FtpTestServerAddress;

  beforeAll(async () => {
    if (!certificate) return;
    root = await mkdtemp(join(tmpdir(), 'ftps-session-'));
    await writeFile(join(root, 'receipts_2026-01-15.xlsx'), 'secret bytes');
    server = new FtpTestServer({ root, tls: certificate });
    address = await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  maybe('lists and downloads over AUTH TLS when the server certificate is trusted', async () => {
    const session = await FtpSession.open(
      settingsFor(address, { secure: true, ca: certificate!.cert }),
      { logger: silent },
    );
    const temp = await TempDirectory.create('ftps-session-test');
    try {
      expect((await session.list('/')).map((file) => file.name)).toEqual([
        'receipts_2026-01-15.xlsx',
      ]);
      await session.download('/receipts_2026-01-15.xlsx', temp.fileFor('r.xlsx'));
      expect(await readFile(temp.fileFor('r.xlsx'), 'utf8')).toBe('secret bytes');
    } finally {
      session.close();
      await temp.remove();
    }
  });

  maybe('refuses an untrusted certificate without retrying', async () => {
    const { delays, sleep } = recordingSleep();
    await expect(
      FtpSession.open(settingsFor(address, { secure: true }), { logger: silent, sleep }),
    ).rejects.toThrow(/self[- ]signed certificate/);
    expect(delays).toEqual([]);
  });
});
