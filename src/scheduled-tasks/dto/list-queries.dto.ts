import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../core/http/pagination';
import { Characters } from '../../core/validation/text-length';
import {
  RUN_STATUSES,
  RunStatus,
  TASK_STATUSES,
  TaskStatus,
} from '../../core/scheduling/scheduling.types';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ example: 'test.probe' })
  @IsOptional()
  @IsString()
  @Characters(0, 100)
  task_type?: string;

  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'connection-42' })
  @IsOptional()
  @IsString()
  @Characters(0, 64)
  source_id?: string;
}

export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional({
    type: String,
    example: 'failed,timed_out',
    description: `One run status or a comma-separated list of: ${RUN_STATUSES.join(', ')}.`,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? splitList(value) : value))
  @IsIn(RUN_STATUSES, { each: true })
  status?: RunStatus[];

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Include runs that did nothing (`idle`: e.g. a history cleanup with nothing to delete); left out by default so housekeeping does not bury the history.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  include_idle?: boolean;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
