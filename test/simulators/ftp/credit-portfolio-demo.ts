import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_START_DATE,
  GeneratedWorkbook,
  generateWorkbooks,
} from '../../fixtures/credit-portfolio/generate-workbooks';
import { FtpTestServer, FtpTestServerAddress } from './ftp-server';

export const CREDIT_PORTFOLIO_EXPORT_DIR = '/exports';

export interface CreditPortfolioFtpOptions {
  /** Days of files (receipts, expenses, expense details each); default 3. */
  days?: number;
  rowsPerFile?: number;
  /** First day, `YYYY-MM-DD`. */
  startDate?: string;
  /** Listening port; default: any free one. */
  port?: number;
}

export interface CreditPortfolioFtp {
  address: FtpTestServerAddress;
  /** Served as the FTP root; the workbooks are in `<root>/exports`. */
  root: string;
  files: GeneratedWorkbook[];
  /** The CREDIT_PORTFOLIO_FTP_* settings that point finsync at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A loopback FTP server holding `days` generated days of credit-portfolio exports in /exports,
 * for `npm run demo` and end-to-end tests. `stop()` also deletes the files.
 */
export async function startCreditPortfolioFtp(
  options: CreditPortfolioFtpOptions = {},
): Promise<CreditPortfolioFtp> {
  const root = await mkdtemp(join(tmpdir(), 'finsync-credit-portfolio-ftp-'));
  const files = await generateWorkbooks({
    outDir: join(root, 'exports'),
    days: options.days ?? 3,
    rowsPerFile: options.rowsPerFile ?? 200,
    startDate: options.startDate ?? DEFAULT_START_DATE,
  });
  const server = new FtpTestServer({ root, port: options.port, readOnly: true });
  const address = await server.start();
  return {
    address,
    root,
    files,
    env: {
      CREDIT_PORTFOLIO_FTP_HOST: address.host,
      CREDIT_PORTFOLIO_FTP_PORT: String(address.port),
      CREDIT_PORTFOLIO_FTP_USER: address.user,
      CREDIT_PORTFOLIO_FTP_PASSWORD: address.password,
      CREDIT_PORTFOLIO_FTP_DIR: CREDIT_PORTFOLIO_EXPORT_DIR,
    },
    stop: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
