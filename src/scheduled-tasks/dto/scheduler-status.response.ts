import { ApiProperty } from '@nestjs/swagger';
import { RUN_STATUSES, RunStatus } from '../../core/scheduling/scheduling.types';

/** A code-declared task as the scheduler sees it. */
export class SchedulerJobResponse {
  @ApiProperty({ format: 'uuid', example: '9d2f6c1a-7b3e-4c5d-8e9f-0a1b2c3d4e5f' })
  id: string;

  @ApiProperty({ example: 'scheduler.cleanup-logs' })
  key: string;

  @ApiProperty({ example: 'Delete old run history' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-29T03:30:00.000Z' })
  next_run: string | null;

  @ApiProperty({ example: 'cron[30 3 * * *] UTC' })
  trigger: string;

  @ApiProperty({ example: 'UTC' })
  timezone: string;

  @ApiProperty({ example: false })
  paused: boolean;

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-28T03:30:00.012Z' })
  last_run: string | null;

  @ApiProperty({
    enum: RUN_STATUSES,
    nullable: true,
    example: 'completed',
    description: 'Status of the latest run row; null before the first.',
  })
  last_status: RunStatus | null;
}

export class SchedulerJobTimerResponse extends SchedulerJobResponse {
  @ApiProperty({
    example: true,
    description: 'Whether this instance holds a timer for the job in SchedulerRegistry.',
  })
  timer_registered: boolean;
}

export class SchedulerStatusResponse {
  @ApiProperty({
    example: true,
    description:
      'Timers and the dispatcher run on this instance (false with SCHEDULER_ENABLED=false).',
  })
  running: boolean;

  @ApiProperty({ example: 'worker-1' })
  instance_id: string;

  @ApiProperty({ type: [SchedulerJobResponse] })
  jobs: SchedulerJobResponse[];
}
