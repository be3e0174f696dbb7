import { inspect } from 'node:util';

const CENSOR = '[REDACTED]';

/**
 * Holds a secret (the FTP password) so that logging, JSON-serialising or inspecting its holder
 * prints `[REDACTED]`; only `reveal()` gives the value, at the one place that needs it.
 */
export class RedactedSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return CENSOR;
  }

  toJSON(): string {
    return CENSOR;
  }

  [inspect.custom](): string {
    return CENSOR;
  }
}
