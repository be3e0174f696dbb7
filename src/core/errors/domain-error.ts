/**
 * How a caller should read a failure, whatever the transport: `not_found` (nothing by that id),
 * `invalid` (the input cannot be accepted as it is), `conflict` (valid, but refused in the current
 * state). The HTTP exception filter maps kinds to 404 / 400 / 409.
 */
export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict';

/** A failure the caller caused or can act on, not a bug: its message is shown to them as is. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  /**
   * @param fields extra snake_case fields of the error body (e.g. `retry_at`), for a caller that
   *   acts on them; never secrets.
   */
  constructor(
    message: string,
    readonly fields: Readonly<Record<string, string | number | null>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
