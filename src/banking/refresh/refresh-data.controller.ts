import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { ApiErrorBody } from '../../core/http/api-error';
import { ApiProtected } from '../../core/http/error-responses';
import { targetUserId } from '../shared/target-user';
import type { BankSyncProvider } from '../sync/bank-sync-provider.port';
import { BankSyncService } from '../sync/bank-sync.service';
import { ApiBankProviderParam, BankProviderParam } from './bank-provider.param';
import { ManualRefreshPolicy } from './manual-refresh-policy';
import { BudgetSpentBody, RefreshDataRequest, RefreshDataResponse } from './dto/refresh-data.dto';

/** "Refresh my bank data now", one route for every registered provider. */
@ApiTags('banking')
@Controller('banking/:provider')
export class RefreshDataController {
  constructor(
    private readonly bankSync: BankSyncService,
    private readonly policy: ManualRefreshPolicy,
  ) {}

  @Post('refresh-data')
  @HttpCode(200)
  @ApiOperation({
    summary: "Refresh and import a provider's bank data now",
    description:
      "Syncs the caller's connections at the provider (an admin may name any user_id) and answers when done. Works with SCHEDULER_ENABLED=false. Connections synced within the minimum gap, or whose consent ended, are reported as skipped. When the provider's call budget leaves none of them readable the answer is 409 with `retry_at`. Every call is written to the sync audit. With MANUAL_REFRESH_REQUIRES_PREMIUM=true (default false) the user whose data is refreshed needs an active premium subscription (403 otherwise), as the scheduled job syncs only premium users.",
  })
  @ApiBankProviderParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiServiceUnavailableResponse({
    type: ApiErrorBody,
    description: 'The provider is registered but not configured.',
  })
  @ApiForbiddenResponse({
    type: ApiErrorBody,
    description:
      'user_id names another user without role admin, or MANUAL_REFRESH_REQUIRES_PREMIUM=true and that user has no active premium subscription.',
  })
  @ApiConflictResponse({
    type: BudgetSpentBody,
    description: "The provider's call budget leaves none of the connections readable now.",
  })
  @ApiOkResponse({ type: RefreshDataResponse })
  async refreshData(
    @BankProviderParam() provider: BankSyncProvider,
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: RefreshDataRequest,
  ): Promise<RefreshDataResponse> {
    const userId = targetUserId(caller, body.user_id);
    await this.policy.assertAllowed(userId);
    const refresh = await this.bankSync.refreshForUser(
      provider,
      caller,
      userId,
      body.connection_id,
    );
    return RefreshDataResponse.from(refresh);
  }
}
