import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsIdInQuery, MAX_ID } from '../../../core/validation/id';
import { UserScopedPageQuery } from '../../shared/user-scoped-page.query';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const TRANSACTION_STATUSES = ['pending', 'booked'] as const;

export class TransactionsQuery extends UserScopedPageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    description: 'Only this account (404 if not yours)',
  })
  @IsOptional()
  @IsIdInQuery()
  account_id?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Booking date on or after (UTC day)' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'from must be a date like 2026-01-31' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'Booking date on or before' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'to must be a date like 2026-01-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;

  @ApiPropertyOptional({ enum: TRANSACTION_STATUSES })
  @IsOptional()
  @IsIn(TRANSACTION_STATUSES)
  status?: (typeof TRANSACTION_STATUSES)[number];

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Also list archived transactions (booked rows older than TRANSACTION_ARCHIVE_AFTER_DAYS); each row says `archived`',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'include_archived must be true or false' })
  include_archived?: boolean;
}
