import { Logger, LoggerService } from '@nestjs/common';
import { Client } from 'basic-ftp';
import { abortableSleep, abortReason } from '../async/abortable-sleep';
import { backoffDelayMs } from '../async/backoff';
import { describeServer, FtpConnectionSettings } from './ftp-connection-settings';
import { FtpPermanentError, FtpUnavailableError } from './ftp-errors';
import { classifyFtpFailure } from './ftp-failure';

export interface RemoteFile {
  name: string;
  /** Absolute remote path. */
  path: string;
  size: number;
  /** From MDTM (exact UTC); null when the server does not support it. */
  modifiedAt: Date | null;
}

export interface FtpSessionOptions {
  /** Aborting closes the connection and fails the pending operation with the signal's reason. */
  signal?: AbortSignal;
  logger?: LoggerService;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * One FTP connection for one job (basic-ftp refuses concurrent commands on a client, so every
 * call here is awaited in turn). Connection failures — refused, reset, timed out, 4xx replies —
 * are retried on a fresh connection with exponential backoff and jitter; anything else fails at
 * once with FtpPermanentError, and running out of attempts with FtpUnavailableError.
 */
export class FtpSession {
  private client: Client | null = null;
  private connections = 0;
  private readonly server: string;
  private readonly logger: LoggerService;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onAbort = (): void => this.dropClient();

  private constructor(
    private readonly settings: FtpConnectionSettings,
    private readonly options: FtpSessionOptions,
  ) {
    this.server = describeServer(settings);
    this.logger = options.logger ?? new Logger(FtpSession.name);
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Connects (with retries) and logs in. */
  static async open(
    settings: FtpConnectionSettings,
    options: FtpSessionOptions = {},
  ): Promise<FtpSession> {
    const session = new FtpSession(settings, options);
    try {
      await session.withRetries('Connecting', async () => undefined);
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** Connections opened so far (1 unless retries reconnected). */
  get connectionCount(): number {
    return this.connections;
  }

  /** Regular files in `directory`, in the server's order. */
  async list(directory: string): Promise<RemoteFile[]> {
    const entries = await this.withRetries(`Listing ${directory}`, (client) =>
      client.list(directory),
    );
    const files: RemoteFile[] = [];
    for (const entry of entries.filter((item) => item.isFile)) {
      const path = joinRemote(directory, entry.name);
      files.push({
        name: entry.name,
        path,
        size: entry.size,
        modifiedAt: await this.lastModified(path),
      });
    }
    return files;
  }

  /** Downloads to `localPath` (overwritten); a dropped transfer starts again on a new connection. */
  async download(remotePath: string, localPath: string): Promise<void> {
    await this.withRetries(`Downloading ${remotePath}`, (client) =>
      client.downloadTo(localPath, remotePath),
    );
  }

  close(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.dropClient();
  }

  private async lastModified(path: string): Promise<Date | null> {
    try {
      return await this.withRetries(`Reading the modification time of ${path}`, (client) =>
        client.lastMod(path),
      );
    } catch (error) {
      if (error instanceof FtpPermanentError) return null;
      throw error;
    }
  }

  private async withRetries<T>(
    what: string,
    operation: (client: Client) => Promise<T>,
  ): Promise<T> {
    const { retries } = this.settings.retry;
    const attempts = retries + 1;
    let lastFailure = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.throwIfAborted();
      try {
        return await operation(await this.connectedClient());
      } catch (error) {
        this.throwIfAborted();
        const failure = classifyFtpFailure(error);
        if (!failure.transient) {
          throw new FtpPermanentError(
            `${what} on FTP server ${this.server} failed: ${failure.reason}`,
          );
        }
        this.dropClient();
        lastFailure = failure.reason;
        if (attempt === attempts) break;
        const delayMs = backoffDelayMs(
          attempt,
          {
            baseDelayMs: this.settings.retry.baseDelayMs,
            maxDelayMs: this.settings.retry.maxDelayMs,
          },
          this.random,
        );
        this.logger.warn(
          `${what} on FTP server ${this.server} failed (attempt ${attempt}/${attempts}): ${failure.reason}; retrying in ${delayMs} ms`,
        );
        await this.sleep(delayMs, this.options.signal);
      }
    }
    throw new FtpUnavailableError(this.server, attempts, lastFailure);
  }

  private async connectedClient(): Promise<Client> {
    if (this.client && !this.client.closed) return this.client;
    const client = new Client(this.settings.timeoutMs);
    this.client = client;
    this.connections++;
    await client.access({
      host: this.settings.host,
      port: this.settings.port,
      user: this.settings.user,
      password: this.settings.password.reveal(),
      secure: this.settings.secure,
      secureOptions: this.settings.ca ? { ca: this.settings.ca } : undefined,
    });
    this.logger.debug?.(
      `Connected to FTP server ${this.server}${this.settings.secure ? ' (FTPS)' : ''} as ${this.settings.user}`,
    );
    return client;
  }

  private dropClient(): void {
    this.client?.close();
    this.client = null;
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted) throw abortReason(this.options.signal);
  }
}

function joinRemote(directory: string, name: string): string {
  return `${directory.replace(/\/+$/, '')}/${name}`;
}
