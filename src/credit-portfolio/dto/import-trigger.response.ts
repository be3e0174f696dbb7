import { ApiProperty } from '@nestjs/swagger';

export class ImportTriggerResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b',
    description:
      'The run in /scheduled-tasks/{id}/runs and in the ledger (run_id); null only when an operator set the task to buffer_one and the run was queued.',
  })
  run_id: string | null;

  @ApiProperty({ enum: ['started', 'buffered'], example: 'started' })
  status: 'started' | 'buffered';
}
