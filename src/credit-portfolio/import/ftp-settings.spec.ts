import { inspect } from 'node:util';
import { CreditPortfolioFtpSettings } from '../credit-portfolio.config';
import { SecretCipher } from '../../core/crypto/secret-cipher';
import { buildFtpConnectionSettings } from './ftp-settings';

const cipher = new SecretCipher(Buffer.alloc(32, 7));

const ftp = (overrides: Partial<CreditPortfolioFtpSettings> = {}): CreditPortfolioFtpSettings => ({
  host: 'ftp.bank.example',
  port: 21,
  user: 'finance',
  password: 'plain-password',
  directory: '/exports',
  secure: true,
  caFile: null,
  timeoutMs: 30_000,
  retries: 3,
  retryDelayMs: 2000,
  ...overrides,
});

describe('buildFtpConnectionSettings', () => {
  it('is null without a host', async () => {
    expect(await buildFtpConnectionSettings(ftp({ host: null }), cipher)).toBeNull();
  });

  it('takes a plain password as is and keeps it redacted', async () => {
    const settings = await buildFtpConnectionSettings(ftp(), cipher);
    expect(settings?.password.reveal()).toBe('plain-password');
    expect(inspect(settings)).not.toContain('plain-password');
    expect(settings).toMatchObject({
      host: 'ftp.bank.example',
      secure: true,
      retry: { retries: 3, baseDelayMs: 2000, maxDelayMs: 60_000 },
    });
  });

  it('opens a password sealed with the app key', async () => {
    const settings = await buildFtpConnectionSettings(
      ftp({ password: cipher.seal('sealed-password') }),
      cipher,
    );
    expect(settings?.password.reveal()).toBe('sealed-password');
  });

  it('fails on a sealed password from another key instead of sending it', async () => {
    const other = new SecretCipher(Buffer.alloc(32, 9));
    await expect(
      buildFtpConnectionSettings(ftp({ password: other.seal('x') }), cipher),
    ).rejects.toThrow(/unknown key/);
  });
});
