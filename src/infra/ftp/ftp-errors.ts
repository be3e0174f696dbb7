/** The server could not be reached (or kept dropping us) even after the retries. */
export class FtpUnavailableError extends Error {
  override readonly name = 'FtpUnavailableError';

  constructor(
    readonly server: string,
    readonly attempts: number,
    readonly lastFailure: string,
  ) {
    super(`FTP server ${server} unreachable after ${attempts} attempt(s): ${lastFailure}`);
  }
}

/** A failure retrying cannot fix: wrong credentials, TLS trust, a permanent server refusal. */
export class FtpPermanentError extends Error {
  override readonly name = 'FtpPermanentError';

  constructor(message: string) {
    super(message);
  }
}
