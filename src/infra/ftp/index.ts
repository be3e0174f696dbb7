export { describeServer } from './ftp-connection-settings';
export type { FtpConnectionSettings, FtpRetryPolicy } from './ftp-connection-settings';
export { FtpPermanentError, FtpUnavailableError } from './ftp-errors';
export { classifyFtpFailure } from './ftp-failure';
export type { FtpFailure } from './ftp-failure';
export { FtpSession } from './ftp-session';
export type { FtpSessionOptions, RemoteFile } from './ftp-session';
export { RedactedSecret } from './redacted-secret';
export { TempDirectory } from './temp-directory';
