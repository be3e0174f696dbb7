import { RedactedSecret } from './redacted-secret';

export interface FtpRetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Delay before the first retry; it doubles each time (with jitter) up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface FtpConnectionSettings {
  host: string;
  port: number;
  user: string;
  password: RedactedSecret;
  /** Explicit FTPS (AUTH TLS). */
  secure: boolean;
  /** Trusted CA certificates (PEM) for FTPS, e.g. a self-signed server's. */
  ca?: string;
  /** Per-command timeout of the control and data sockets. */
  timeoutMs: number;
  retry: FtpRetryPolicy;
}

/** `host:port`, as it appears in logs and errors. */
export function describeServer(settings: Pick<FtpConnectionSettings, 'host' | 'port'>): string {
  return `${settings.host}:${settings.port}`;
}
