import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { ApiProtected } from '../../core/http/error-responses';
import { ApiPageResponse, Page } from '../../core/http/pagination';
import { readTargetUserId } from '../shared/target-user';
import { UserScopedPageQuery } from '../shared/user-scoped-page.query';
import type { ConnectionLimits } from '../sync/bank-sync-provider.port';
import { BankProviderRegistry } from '../sync/bank-provider-registry.service';
import type { BankConnectionEntity } from './bank-connection.entity';
import { BankConnectionsService } from './bank-connections.service';
import { ConnectionResponse } from './dto/connection.response';

@ApiTags('banking')
@Controller('banking/connections')
export class ConnectionsController {
  constructor(
    private readonly connections: BankConnectionsService,
    private readonly providers: BankProviderRegistry,
  ) {}

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
    const limits = await this.limitsOf(page.items);
    return {
      items: page.items.map((c) => ConnectionResponse.from(c, limits.get(c.id))),
      next_cursor: page.next_cursor,
    };
  }

  /** What each connection's provider limits (budgets), for providers that say. */
  private async limitsOf(
    connections: readonly BankConnectionEntity[],
  ): Promise<Map<number, ConnectionLimits>> {
    const limits = new Map<number, ConnectionLimits>();
    const byProvider = new Map<string, number[]>();
    for (const connection of connections) {
      byProvider.set(connection.provider, [
        ...(byProvider.get(connection.provider) ?? []),
        connection.id,
      ]);
    }
    for (const [name, ids] of byProvider) {
      const described = await this.providers.find(name)?.describeLimits?.(ids);
      described?.forEach((value, id) => limits.set(id, value));
    }
    return limits;
  }
}
