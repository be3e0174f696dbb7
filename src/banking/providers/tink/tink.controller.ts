import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../../core/auth/roles';
import { ApiErrorBody } from '../../../core/http/api-error';
import { ApiProtected } from '../../../core/http/error-responses';
import { targetUserId } from '../../shared/target-user';
import { ConnectionSyncResponse } from '../../sync/dto/connection-sync.response';
import { RefreshDataRequest, RefreshDataResponse } from '../../refresh/dto/refresh-data.dto';
import { TinkSyncService } from './tink.sync.service';

@ApiTags('banking')
@Controller('banking/tink')
export class TinkController {
  constructor(private readonly tinkSync: TinkSyncService) {}

  @Post('refresh-data')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refresh and import Tink data now',
    description:
      "Syncs the caller's Tink connections (an admin may name any user_id) and answers when done. Works with SCHEDULER_ENABLED=false. Connections synced within the minimum gap, or whose consent ended, are reported as skipped. Every call is written to the sync audit.",
  })
  @ApiProtected('badRequest', 'notFound')
  @ApiServiceUnavailableResponse({ type: ApiErrorBody, description: 'Tink is not configured.' })
  @ApiOkResponse({ type: RefreshDataResponse })
  async refreshData(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: RefreshDataRequest,
  ): Promise<RefreshDataResponse> {
    const userId = targetUserId(caller, body.user_id);
    const refresh = await this.tinkSync.refreshForUser(caller, userId, body.connection_id);
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
