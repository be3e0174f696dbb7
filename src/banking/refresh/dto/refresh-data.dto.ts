import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiErrorBody } from '../../../core/http/api-error';
import { IsId, MAX_ID } from '../../../core/validation/id';
import { OptionalButNotNull } from '../../../core/validation/presence';
import type { ManualRefresh } from '../../sync/bank-sync.service';
import { ConnectionSyncResponse } from '../../sync/dto/connection-sync.response';

export class RefreshDataRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description: "Whose connections. Default: the caller's own; another user's needs role admin.",
  })
  @OptionalButNotNull()
  @IsId()
  user_id?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description: 'Only this connection (default: all of them)',
  })
  @OptionalButNotNull()
  @IsId()
  connection_id?: number;
}

/** The 409 of a refresh the provider's call budget cannot serve now. */
export class BudgetSpentBody extends ApiErrorBody {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-02-11T17:30:00.000Z',
    description: 'When one of the connections can be read again (null: never, without the user)',
  })
  retry_at: string | null;
}

export class RefreshDataResponse {
  @ApiProperty({ example: 2 })
  user_id: number;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  started_at: string;

  @ApiProperty({ example: '2026-02-10T17:30:03.450Z' })
  finished_at: string;

  @ApiProperty({ example: 3.45 })
  duration_seconds: number;

  @ApiProperty({ example: 1, description: 'Connections looked at' })
  total: number;

  @ApiProperty({ example: 1 })
  successful: number;

  @ApiProperty({ example: 0 })
  failed: number;

  @ApiProperty({ example: 0, description: 'Not attempted (see each result’s reason)' })
  skipped: number;

  @ApiProperty({ type: [ConnectionSyncResponse] })
  results: ConnectionSyncResponse[];

  static from(refresh: ManualRefresh): RefreshDataResponse {
    const count = (outcome: string): number =>
      refresh.results.filter((result) => result.outcome === outcome).length;
    return {
      user_id: refresh.userId,
      started_at: refresh.startedAt.toISOString(),
      finished_at: refresh.finishedAt.toISOString(),
      duration_seconds:
        Math.round(refresh.finishedAt.getTime() - refresh.startedAt.getTime()) / 1000,
      total: refresh.results.length,
      successful: count('synced'),
      failed: count('failed'),
      skipped: count('skipped') + count('cancelled'),
      results: refresh.results.map(ConnectionSyncResponse.from),
    };
  }
}
