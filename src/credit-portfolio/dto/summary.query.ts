import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class SummaryQuery {
  @ApiPropertyOptional({
    example: 8,
    description: 'Defaults to CREDIT_PORTFOLIO_DEPARTMENT_ID (Finance, 8).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  department_id?: number;
}
