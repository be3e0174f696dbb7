import { FTPError } from 'basic-ftp';

const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

// basic-ftp reports these as plain Errors without a code.
const TRANSIENT_MESSAGES = [
  /^Timeout \(/,
  /Server sent FIN packet unexpectedly/,
  /Client is closed/,
];

export interface FtpFailure {
  /** Worth another attempt on a new connection. */
  transient: boolean;
  /** One line, safe to log (basic-ftp messages never contain the password). */
  reason: string;
}

/**
 * Server replies 4xx are transient by the protocol's own definition (421 too many users, 425
 * cannot open data connection); 5xx, including 530 "not logged in", are permanent.
 */
export function classifyFtpFailure(error: unknown): FtpFailure {
  const reason = error instanceof Error ? error.message : String(error);
  const code: unknown = (error as { code?: unknown } | null)?.code;
  // basic-ftp also wraps socket errors in FTPError, with the socket's string code.
  if (error instanceof FTPError && typeof code === 'number') {
    return { transient: code >= 400 && code < 500, reason };
  }
  if (typeof code === 'string' && TRANSIENT_SOCKET_CODES.has(code)) {
    return { transient: true, reason };
  }
  return { transient: TRANSIENT_MESSAGES.some((pattern) => pattern.test(reason)), reason };
}
