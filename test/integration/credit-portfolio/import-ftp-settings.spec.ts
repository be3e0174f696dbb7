import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SecretCipher } from '../../../src/core/crypto/secret-cipher';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { IMPORT_TASK_KEY } from '../../../src/credit-portfolio/credit-portfolio.tasks';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { generateWorkbooks } from '../../fixtures/credit-portfolio/generate-workbooks';
import { FtpTestServer } from '../../simulators/ftp/ftp-server';
import { TestApp } from '../../utils/test-app';
import { EXPORT_DIR, LogCapture, runImport, startImportApp } from '../../kits/credit-portfolio-kit';
import { selfSignedCertificate } from '../../fixtures/credit-portfolio/self-signed-certificate';

const ENCRYPTION_KEY = 'ab'.repeat(32);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('credit-portfolio import: FTP settings and failures', () => {
  const logs = new LogCapture();
  let t: TestApp | undefined;

  afterEach(async () => {
    logs.stop();
    logs.clear();
    await t?.close();
    t = undefined;
  });

  it('fails the run with a clear error after retrying an unreachable server, and schedules a retry', async () => {
    const port = await closedPort();
    t = await startImportApp({
      CREDIT_PORTFOLIO_FTP_HOST: '127.0.0.1',
      CREDIT_PORTFOLIO_FTP_PORT: String(port),
      CREDIT_PORTFOLIO_FTP_PASSWORD: 'do-not-log-me',
      CREDIT_PORTFOLIO_FTP_RETRIES: '2',
      CREDIT_PORTFOLIO_FTP_RETRY_DELAY_MS: '20',
    });
    logs.start();
    const run = await runImport(t);
    expect(run.status).toBe('failed');
    expect(run.errorMessage).toBe(
      `FTP server 127.0.0.1:${port} unreachable after 3 attempt(s): connect ECONNREFUSED 127.0.0.1:${port} (control socket)`,
    );
    const retries = logs
      .messages('warn')
      .filter((line) => line.startsWith(`Connecting on FTP server 127.0.0.1:${port} failed`));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(/\(attempt 1\/3\): connect ECONNREFUSED .*; retrying in \d+ ms$/);
    expect(logs.messages().join('\n')).not.toContain('do-not-log-me');

    const task = await t.app.get(ScheduledTaskService).findByIdOrKey(IMPORT_TASK_KEY);
    expect(task.retryAt).toBeInstanceOf(Date);
    expect(task.retryAttempt).toBe(2);
    expect(await t.app.get(DataSource).getRepository(CreditImportFileEntity).count()).toBe(0);
  });

  it('skips the run when no FTP host is configured', async () => {
    t = await startImportApp({});
    const run = await runImport(t);
    expect(run.status).toBe('skipped');
    expect(run.errorMessage).toBe('CREDIT_PORTFOLIO_FTP_HOST is not set: nothing to import');
  });

  const certificate = selfSignedCertificate();
  (certificate ? it : it.skip)(
    'imports over FTPS with a CA file and a password sealed with ENCRYPTION_KEY',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'credit-portfolio-ftps-'));
      const server = new FtpTestServer({ root, tls: certificate!, password: 'sealed-secret-pw' });
      try {
        await generateWorkbooks({ outDir: join(root, 'exports'), days: 1, rowsPerFile: 20 });
        const address = await server.start();
        const caFile = join(root, 'ca.pem');
        await writeFile(caFile, certificate!.cert);
        const sealed = new SecretCipher(Buffer.from(ENCRYPTION_KEY, 'hex')).seal(address.password);
        t = await startImportApp({
          ENCRYPTION_KEY,
          CREDIT_PORTFOLIO_FTP_HOST: address.host,
          CREDIT_PORTFOLIO_FTP_PORT: String(address.port),
          CREDIT_PORTFOLIO_FTP_USER: address.user,
          CREDIT_PORTFOLIO_FTP_PASSWORD: sealed,
          CREDIT_PORTFOLIO_FTP_SECURE: 'true',
          CREDIT_PORTFOLIO_FTP_CA_FILE: caFile,
          CREDIT_PORTFOLIO_FTP_DIR: EXPORT_DIR,
        });
        const run = await runImport(t);
        expect(run.status).toBe('completed');
        expect(run.details).toMatchObject({ files_imported: 3 });
      } finally {
        await server.stop();
        await rm(root, { recursive: true, force: true });
      }
    },
  );
});
