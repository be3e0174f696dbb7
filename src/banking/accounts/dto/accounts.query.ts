import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIdInQuery, MAX_ID } from '../../../core/validation/id';
import { UserScopedPageQuery } from '../../shared/user-scoped-page.query';

export class AccountsQuery extends UserScopedPageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description: 'Only the accounts of this connection',
  })
  @IsOptional()
  @IsIdInQuery()
  connection_id?: number;
}
