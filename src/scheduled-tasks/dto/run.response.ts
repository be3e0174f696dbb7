import { ApiProperty } from '@nestjs/swagger';
import { TaskLogEntity } from '../../core/scheduling/entities/task-log.entity';
import {
  RUN_STATUSES,
  RUN_TRIGGERS,
  RunStatus,
  RunTrigger,
} from '../../core/scheduling/scheduling.types';
import { isoOrNull } from './task.response';

/** One row of the run history. */
export class TaskRunResponse {
  @ApiProperty({ format: 'uuid', example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93' })
  task_id: string;

  @ApiProperty({ example: '2026-03-29T01:00:00.000Z', description: 'The fire this run is for.' })
  scheduled_for: string;

  @ApiProperty({ enum: RUN_TRIGGERS, example: 'schedule' })
  trigger: RunTrigger;

  @ApiProperty({ example: 1, description: '1 for the first try, then 2, 3… for retries.' })
  attempt: number;

  @ApiProperty({ enum: RUN_STATUSES, example: 'completed' })
  status: RunStatus;

  @ApiProperty({ example: '2026-03-29T01:00:00.120Z' })
  execution_start: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-29T01:00:02.470Z' })
  execution_end: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 2350 })
  duration_ms: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error_message: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { accounts: 3, transactions_inserted: 41 },
    description: "The handler's stats.",
  })
  details: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: 'worker-1' })
  instance_id: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-29T01:00:02.000Z' })
  heartbeat_at: string | null;

  static from(run: TaskLogEntity): TaskRunResponse {
    return {
      id: run.id,
      task_id: run.taskId,
      scheduled_for: run.scheduledFor.toISOString(),
      trigger: run.trigger,
      attempt: run.attempt,
      status: run.status,
      execution_start: run.executionStart.toISOString(),
      execution_end: isoOrNull(run.executionEnd),
      duration_ms: run.executionEnd
        ? run.executionEnd.getTime() - run.executionStart.getTime()
        : null,
      error_message: run.errorMessage,
      details: run.details,
      instance_id: run.instanceId,
      heartbeat_at: isoOrNull(run.heartbeatAt),
    };
  }
}

export const RUN_NOW_STATUSES = ['started', 'buffered'] as const;

export class RunNowResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b',
    description: 'null when the fire was buffered behind the running one (overlap buffer_one).',
  })
  run_id: string | null;

  @ApiProperty({ enum: RUN_NOW_STATUSES, example: 'started' })
  status: (typeof RUN_NOW_STATUSES)[number];
}
