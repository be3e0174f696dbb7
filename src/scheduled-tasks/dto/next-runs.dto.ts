import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsInstant, ISO_INSTANT_EXAMPLE } from '../../core/validation/instant';
import { Characters } from '../../core/validation/text-length';
import { NotTogetherWith } from './field-rules';
import { TASK_LIMITS } from './task-body.dto';

export const MAX_FIRES = 100;
export const DEFAULT_FIRES = 5;

export class NextRunsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FIRES, default: DEFAULT_FIRES })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FIRES)
  count: number = DEFAULT_FIRES;

  @ApiPropertyOptional({
    format: 'date-time',
    example: ISO_INSTANT_EXAMPLE,
    description: 'Fires strictly after this instant; default now.',
  })
  @IsOptional()
  @IsInstant()
  from?: string;
}

/** A schedule not saved yet: cron or interval_seconds, not both. */
export class PreviewScheduleDto {
  @ApiPropertyOptional({ example: '30 2 * * *', maxLength: 120 })
  @IsOptional()
  @IsString()
  @Characters(1, 120)
  cron?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: TASK_LIMITS.maxIntervalSeconds, example: 3600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.maxIntervalSeconds)
  @NotTogetherWith('cron')
  interval_seconds?: number;

  @ApiPropertyOptional({ example: 'Europe/Berlin', default: 'UTC', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Characters(1, 64)
  timezone?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: ISO_INSTANT_EXAMPLE,
    description:
      'Fires strictly after this instant (and, for an interval, its anchor); default now.',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FIRES, default: DEFAULT_FIRES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FIRES)
  count: number = DEFAULT_FIRES;
}

export class FireTimeResponse {
  @ApiProperty({ example: '2026-03-29T01:00:00.000Z' })
  utc: string;

  @ApiProperty({
    example: '2026-03-29T03:00:00+02:00',
    description: 'Wall-clock time with its offset in the schedule’s time zone.',
  })
  local: string;
}

export class ScheduleFiresResponse {
  @ApiProperty({ example: 'Europe/Berlin' })
  timezone: string;

  @ApiProperty({ type: [FireTimeResponse] })
  next_runs: FireTimeResponse[];
}

export class TaskFiresResponse extends ScheduleFiresResponse {
  @ApiProperty({ format: 'uuid', example: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93' })
  task_id: string;
}
