import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIdInQuery, MAX_ID } from '../../core/validation/id';

export class SummaryQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    example: 8,
    description: 'Defaults to CREDIT_PORTFOLIO_DEPARTMENT_ID (Finance, 8).',
  })
  @IsOptional()
  @IsIdInQuery()
  department_id?: number;
}
