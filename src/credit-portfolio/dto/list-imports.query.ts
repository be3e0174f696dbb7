import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsIdInQuery, MAX_ID } from '../../core/validation/id';
import { PageQuery } from '../../core/http/pagination';
import { IMPORT_FILE_STATUSES, ImportFileStatus } from '../entities';

export class ListImportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: IMPORT_FILE_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(IMPORT_FILE_STATUSES)
  status?: ImportFileStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b',
    description: 'Only the files of this run (the run_id the trigger returned).',
  })
  @IsOptional()
  @IsUUID()
  run_id?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_ID, example: 8 })
  @IsOptional()
  @IsIdInQuery()
  department_id?: number;
}
