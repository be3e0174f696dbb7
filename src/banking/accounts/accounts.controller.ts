import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { ApiProtected } from '../../core/http/error-responses';
import { ApiPageResponse, Page } from '../../core/http/pagination';
import { readTargetUserId } from '../shared/target-user';
import { BankAccountsService } from './bank-accounts.service';
import { AccountResponse } from './dto/account.response';
import { AccountsQuery } from './dto/accounts.query';

@ApiTags('banking')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: BankAccountsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's bank accounts, oldest first (IBANs masked)",
    description:
      'An admin names the user with user_id (400 without it); there is no list across users.',
  })
  @ApiProtected('badRequest')
  @ApiPageResponse(AccountResponse)
  async list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AccountsQuery,
  ): Promise<Page<AccountResponse>> {
    const page = await this.accounts.page(
      { userId: readTargetUserId(caller, query.user_id), connectionId: query.connection_id },
      query.limit,
      query.cursor,
    );
    return { items: page.items.map(AccountResponse.from), next_cursor: page.next_cursor };
  }
}
