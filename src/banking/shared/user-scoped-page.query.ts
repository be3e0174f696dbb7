import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageQuery } from '../../core/http/pagination';
import { IsIdInQuery, MAX_ID } from '../../core/validation/id';

/** A page of the caller's own data; admins name the user with `user_id`. */
export class UserScopedPageQuery extends PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description:
      "Whose data. Required for role admin (400 without it: admins read one user's data at a time, never across users); a user may omit it (their own) or pass their own id.",
  })
  @IsOptional()
  @IsIdInQuery()
  user_id?: number;
}
