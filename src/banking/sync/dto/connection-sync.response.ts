import { ApiProperty } from '@nestjs/swagger';
import {
  CONNECTION_STATUSES,
  type ConnectionStatus,
} from '../../connections/bank-connection.entity';
import type { ConnectionSyncResult } from '../connection-sync-result';

export class IngestStatsResponse {
  @ApiProperty({ example: 12 })
  inserted: number;

  @ApiProperty({ example: 1, description: 'Changed rows, e.g. a pending transaction that booked' })
  updated: number;

  @ApiProperty({ example: 0, description: 'Pending transactions the bank no longer lists' })
  removed: number;

  @ApiProperty({ example: 187 })
  unchanged: number;

  @ApiProperty({ example: 0, description: 'Rows the provider sent that could not be stored' })
  rejected: number;
}

/** One connection's sync outcome, as the API reports it. */
export class ConnectionSyncResponse {
  @ApiProperty({ example: 1 })
  connection_id: number;

  @ApiProperty({ enum: ['synced', 'failed', 'skipped', 'cancelled'] })
  outcome: ConnectionSyncResult['outcome'];

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'failed: needs_reauth | rate_limited | temporary | error; skipped: min_gap | fresh | cooling_off | needs_reauth | disconnected | in_progress',
  })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  detail: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'refreshed',
    description:
      'What happened at the provider: refreshed | rate_limited | needs_reauth | refresh_failed (the data the provider had was read) | recently_refreshed | budget_exhausted',
  })
  refresh: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the refresh failed, when refresh is refresh_failed',
  })
  refresh_detail: string | null;

  @ApiProperty({ example: 2 })
  accounts: number;

  @ApiProperty({ type: IngestStatsResponse })
  transactions: IngestStatsResponse;

  @ApiProperty({ enum: CONNECTION_STATUSES, description: "The connection's status afterwards" })
  status: ConnectionStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Earliest next attempt, if it waits' })
  retry_at: string | null;

  @ApiProperty({ example: 840 })
  duration_ms: number;

  static from(result: ConnectionSyncResult): ConnectionSyncResponse {
    return {
      connection_id: result.connectionId,
      outcome: result.outcome,
      reason: result.reason,
      detail: result.detail,
      refresh: result.refresh ? (result.refresh.skipReason ?? result.refresh.outcome) : null,
      refresh_detail: result.refresh?.detail ?? null,
      accounts: result.accounts,
      transactions: { ...result.transactions },
      status: result.status,
      retry_at: result.retryAt?.toISOString() ?? null,
      duration_ms: result.durationMs,
    };
  }
}
