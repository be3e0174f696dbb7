import { DomainError } from '../../core/errors/domain-error';

/**
 * A person's refresh that no connection could serve because the provider's call budget is spent:
 * 409 with `retry_at`, the earliest moment one of them can be read again.
 */
export class BudgetSpentError extends DomainError {
  readonly kind = 'conflict' as const;

  constructor(label: string, retryAt: Date | null) {
    super(
      `The ${label} call budget of these connections is spent${retryAt ? `; retry at ${retryAt.toISOString()}` : ''}`,
      { retry_at: retryAt?.toISOString() ?? null },
    );
  }
}
