import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { UserScopedPageQuery } from '../../shared/user-scoped-page.query';

export class AccountsQuery extends UserScopedPageQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'Only the accounts of this connection' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  connection_id?: number;
}
