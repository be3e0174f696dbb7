import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageQuery } from '../../core/http/pagination';
import { IsIdInQuery, MAX_ID } from '../../core/validation/id';

/** A page of the caller's own data; admins may pass `user_id` to see another user's. */
export class UserScopedPageQuery extends PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description: "Whose data. Default: the caller's own; another user's needs role admin.",
  })
  @IsOptional()
  @IsIdInQuery()
  user_id?: number;
}
