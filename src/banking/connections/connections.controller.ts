import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { ApiProtected } from '../../core/http/error-responses';
import { ApiPageResponse, Page } from '../../core/http/pagination';
import { readTargetUserId } from '../shared/target-user';
import { UserScopedPageQuery } from '../shared/user-scoped-page.query';
import { BankConnectionsService } from './bank-connections.service';
import { ConnectionResponse } from './dto/connection.response';

@ApiTags('banking')
@Controller('banking/connections')
export class ConnectionsController {
  constructor(private readonly connections: BankConnectionsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's bank connections and their sync state",
    description:
      'An admin names the user with user_id (400 without it); there is no list across users.',
  })
  @ApiProtected('badRequest')
  @ApiPageResponse(ConnectionResponse)
  async list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: UserScopedPageQuery,
  ): Promise<Page<ConnectionResponse>> {
    const userId = readTargetUserId(caller, query.user_id);
    const page = await this.connections.page(userId, query.limit, query.cursor);
    return { items: page.items.map(ConnectionResponse.from), next_cursor: page.next_cursor };
  }
}
