import { ApiProperty } from '@nestjs/swagger';
import { ScheduledTaskEntity } from '../../core/scheduling/entities/scheduled-task.entity';
import {
  MISFIRE_POLICIES,
  MisfirePolicyName,
  OVERLAP_POLICIES,
  OverlapPolicy,
  SCHEDULE_TYPES,
  ScheduleType,
  TASK_ORIGINS,
  TASK_STATUSES,
  TaskOrigin,
  TaskStatus,
} from '../../core/scheduling/scheduling.types';

const AN_INSTANT = '2026-03-29T01:00:00.000Z';

export class ScheduledTaskResponse {
  @ApiProperty({ format: 'uuid', example: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93' })
  id: string;

  @ApiProperty({ example: 'test.probe' })
  task_type: string;

  @ApiProperty({ type: String, nullable: true, example: 'connection-42' })
  source_id: string | null;

  @ApiProperty({ example: 'Nightly sync of connection 42' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Runs at 02:30' })
  description: string | null;

  @ApiProperty({ enum: SCHEDULE_TYPES, example: 'cron' })
  schedule_type: ScheduleType;

  @ApiProperty({ type: String, nullable: true, example: '30 2 * * *' })
  cron: string | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  interval_seconds: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  run_at: string | null;

  @ApiProperty({ example: 'Europe/Berlin' })
  timezone: string;

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({ example: false })
  paused: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { sleep_ms: 100 },
  })
  payload: Record<string, unknown> | null;

  @ApiProperty({ enum: OVERLAP_POLICIES, example: 'skip' })
  overlap_policy: OverlapPolicy;

  @ApiProperty({ enum: MISFIRE_POLICIES, example: 'run_once' })
  misfire_policy: MisfirePolicyName;

  @ApiProperty({ example: 3600 })
  misfire_grace_seconds: number;

  @ApiProperty({ example: 3 })
  max_retries: number;

  @ApiProperty({ example: 300 })
  retry_delay_seconds: number;

  @ApiProperty({ type: Number, nullable: true, example: 600 })
  timeout_seconds: number | null;

  @ApiProperty({ enum: TASK_STATUSES, example: 'pending' })
  status: TaskStatus;

  @ApiProperty({
    enum: TASK_ORIGINS,
    example: 'api',
    description: 'code = declared by a feature module; api = created through this API.',
  })
  origin: TaskOrigin;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Key of a code task.' })
  code_key: string | null;

  @ApiProperty({
    example: false,
    description: 'A code task edited through the API: boot keeps the edit until reset.',
  })
  operator_modified: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  last_run: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: AN_INSTANT,
    description: 'null while the task cannot fire (disabled, paused, a once task done).',
  })
  next_run: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error_message: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'When the next retry of a failed fire is due.',
  })
  retry_at: string | null;

  @ApiProperty({ example: '2026-03-28T09:00:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-03-28T09:00:00.000Z' })
  updated_at: string;

  static from(task: ScheduledTaskEntity): ScheduledTaskResponse {
    return {
      id: task.id,
      task_type: task.taskType,
      source_id: task.sourceId,
      name: task.name,
      description: task.description,
      schedule_type: task.scheduleType,
      cron: task.cronExpression,
      interval_seconds: task.intervalSeconds,
      run_at: isoOrNull(task.runAt),
      timezone: task.timezone,
      enabled: task.enabled,
      paused: task.paused,
      payload: task.payload,
      overlap_policy: task.overlapPolicy,
      misfire_policy: task.misfirePolicy,
      misfire_grace_seconds: task.misfireGraceSeconds,
      max_retries: task.maxRetries,
      retry_delay_seconds: task.retryDelaySeconds,
      timeout_seconds: task.timeoutSeconds,
      status: task.status,
      origin: task.origin,
      code_key: task.codeKey,
      operator_modified: task.operatorModified,
      last_run: isoOrNull(task.lastRun),
      next_run: isoOrNull(task.nextRun),
      error_message: task.errorMessage,
      retry_at: isoOrNull(task.retryAt),
      created_at: task.createdAt.toISOString(),
      updated_at: task.updatedAt.toISOString(),
    };
  }
}

export function isoOrNull(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
