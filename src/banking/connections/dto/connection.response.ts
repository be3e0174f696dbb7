import { ApiProperty } from '@nestjs/swagger';
import type { ConnectionLimits } from '../../sync/bank-sync-provider.port';
import type { BankProvider } from '../../sync/bank-sync.types';
import {
  BankConnectionEntity,
  CONNECTION_STATUSES,
  type ConnectionStatus,
} from '../bank-connection.entity';

/** One account's budget of calls in one scope at its provider. */
export class AccountBudgetResponse {
  @ApiProperty({
    example: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    description: "The provider's account id",
  })
  account: string;

  @ApiProperty({ example: 'transactions' })
  scope: string;

  @ApiProperty({ example: 4 })
  limit: number;

  @ApiProperty({ example: 3 })
  remaining: number;

  @ApiProperty({ type: String, nullable: true, description: 'When one more call frees up' })
  resets_at: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the account no longer syncs' })
  stopped_reason: string | null;
}

/** A connection as the API shows it: sync state, never its secrets. */
export class ConnectionResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 2 })
  user_id: number;

  @ApiProperty({ type: String, example: 'tink', description: 'The bank provider (aggregator)' })
  provider: BankProvider;

  @ApiProperty({ example: '6e68cc6287704273984567b3300c5822', description: "The provider's id" })
  external_id: string;

  @ApiProperty({ type: String, nullable: true, example: 'uk-demobank-open-banking-redirect' })
  institution_name: string | null;

  @ApiProperty({ enum: CONNECTION_STATUSES })
  status: ConnectionStatus;

  @ApiProperty({ type: String, nullable: true, example: '2026-05-01T00:00:00.000Z' })
  consent_expires_at: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Last attempt, whatever its outcome' })
  last_sync_at: string | null;

  @ApiProperty({ type: String, nullable: true })
  last_success_at: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  last_error: string | null;

  @ApiProperty({ example: 0 })
  consecutive_failures: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'No automatic attempt before this (failure cool-off)',
  })
  next_attempt_at: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "No call can succeed before this: the provider's budget is spent",
  })
  rate_limited_until: string | null;

  @ApiProperty({
    type: [AccountBudgetResponse],
    description: 'Per-account call budgets, for providers that limit calls per account',
  })
  budgets: AccountBudgetResponse[];

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  updated_at: string;

  static from(connection: BankConnectionEntity, limits?: ConnectionLimits): ConnectionResponse {
    return {
      id: connection.id,
      user_id: connection.userId,
      provider: connection.provider,
      external_id: connection.externalId,
      institution_name: connection.institutionName,
      status: connection.status,
      consent_expires_at: iso(connection.consentExpiresAt),
      last_sync_at: iso(connection.lastSyncAt),
      last_success_at: iso(connection.lastSuccessAt),
      last_error: connection.lastError,
      consecutive_failures: connection.consecutiveFailures,
      next_attempt_at: iso(connection.nextAttemptAt),
      rate_limited_until: iso(limits?.rateLimitedUntil ?? null),
      budgets: (limits?.budgets ?? []).map((budget) => ({
        account: budget.account,
        scope: budget.scope,
        limit: budget.limit,
        remaining: budget.remaining,
        resets_at: iso(budget.resetsAt),
        stopped_reason: budget.stoppedReason,
      })),
      created_at: connection.createdAt.toISOString(),
      updated_at: connection.updatedAt.toISOString(),
    };
  }
}

function iso(instant: Date | null): string | null {
  return instant?.toISOString() ?? null;
}
