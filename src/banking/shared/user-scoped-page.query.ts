import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { PageQuery } from '../../core/http/pagination';

/** A page of the caller's own data; admins may pass `user_id` to see another user's. */
export class UserScopedPageQuery extends PageQuery {
  @ApiPropertyOptional({
    minimum: 1,
    description: "Whose data. Default: the caller's own; another user's needs role admin.",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  user_id?: number;
}
