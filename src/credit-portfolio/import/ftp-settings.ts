import { readFile } from 'node:fs/promises';
import { CreditPortfolioFtpSettings } from '../credit-portfolio.config';
import { SecretCipher } from '../../core/crypto/secret-cipher';
import { FtpConnectionSettings, RedactedSecret } from '../../infra/ftp';

const SEALED_SECRET = /^v1:[^:]+:[^:]+:[^:]+:[^:]+$/;
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * The FTP connection of the credit-portfolio import, or null when no host is configured. The
 * password may be given sealed with the app's ENCRYPTION_KEY (`v1:…`); it is opened here and
 * otherwise only ever held as a RedactedSecret.
 */
export async function buildFtpConnectionSettings(
  ftp: CreditPortfolioFtpSettings,
  cipher: SecretCipher,
): Promise<FtpConnectionSettings | null> {
  if (!ftp.host) return null;
  const password = ftp.password ?? '';
  return {
    host: ftp.host,
    port: ftp.port,
    user: ftp.user,
    password: new RedactedSecret(SEALED_SECRET.test(password) ? cipher.open(password) : password),
    secure: ftp.secure,
    ca: ftp.caFile ? await readFile(ftp.caFile, 'utf8') : undefined,
    timeoutMs: ftp.timeoutMs,
    retry: {
      retries: ftp.retries,
      baseDelayMs: ftp.retryDelayMs,
      maxDelayMs: Math.max(ftp.retryDelayMs, MAX_RETRY_DELAY_MS),
    },
  };
}
