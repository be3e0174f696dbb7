import { ApiProperty } from '@nestjs/swagger';
import type { BankProvider } from '../../sync/bank-sync.types';
import {
  BankConnectionEntity,
  CONNECTION_STATUSES,
  type ConnectionStatus,
} from '../bank-connection.entity';

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

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  updated_at: string;

  static from(connection: BankConnectionEntity): ConnectionResponse {
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
      created_at: connection.createdAt.toISOString(),
      updated_at: connection.updatedAt.toISOString(),
    };
  }
}

function iso(instant: Date | null): string | null {
  return instant?.toISOString() ?? null;
}
