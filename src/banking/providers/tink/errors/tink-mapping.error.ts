import type { FailureClassification } from '../../../../infra/http-client';

/** A provider value that cannot be stored faithfully (bad amount, impossible date, ...). */
export class TinkMappingError extends Error {
  readonly classification: FailureClassification = 'terminal';
  readonly code = 'unmappable_value';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TinkMappingError';
  }
}
