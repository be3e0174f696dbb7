import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../core/auth/roles';
import { ApiProtected } from '../../core/http/error-responses';
import { ApiPageResponse, Page } from '../../core/http/pagination';
import { BankAccountsService } from '../accounts/bank-accounts.service';
import { readTargetUserId } from '../shared/target-user';
import { TransactionResponse } from './dto/transaction.response';
import { TransactionsQuery } from './dto/transactions.query';
import { TransactionsQueryService } from './transactions-query.service';

@ApiTags('banking')
@Controller('transactions')
export class TransactionsController {
  constructor(
    private readonly transactions: TransactionsQueryService,
    private readonly accounts: BankAccountsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The caller's transactions, newest booking date first",
    description:
      'Filter by account, booking-date range (inclusive) and status. An admin names the user with user_id (400 without it); there is no list across users. Transactions older than TRANSACTION_ARCHIVE_AFTER_DAYS move to the archive weekly; include_archived=true lists them too, in the same order and pages.',
  })
  @ApiProtected('badRequest', 'notFound')
  @ApiPageResponse(TransactionResponse)
  async list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: TransactionsQuery,
  ): Promise<Page<TransactionResponse>> {
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestException('from must not be after to');
    }
    const userId = readTargetUserId(caller, query.user_id);
    if (query.account_id !== undefined) await this.accounts.requireOwned(query.account_id, userId);
    const page = await this.transactions.page(
      {
        userId,
        accountId: query.account_id,
        from: query.from,
        to: query.to,
        status: query.status,
        includeArchived: query.include_archived,
      },
      query.limit,
      query.cursor,
    );
    return {
      items: page.items.map(({ row, archived }) => TransactionResponse.from(row, archived)),
      next_cursor: page.next_cursor,
    };
  }
}
