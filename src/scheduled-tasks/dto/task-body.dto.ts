import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import { TaskChanges, TaskDefinition } from '../task-definition';
import {
  MISFIRE_POLICIES,
  MisfirePolicyName,
  OVERLAP_POLICIES,
  OverlapPolicy,
  SCHEDULE_TYPES,
  ScheduleType,
} from '../../core/scheduling/scheduling.types';
import { IsInstant, ISO_INSTANT_EXAMPLE } from '../../core/validation/instant';
import { OptionalButNotNull } from '../../core/validation/presence';
import { Characters } from '../../core/validation/text-length';
import { UpdateBodyOf } from '../../core/validation/update-body';
import { UsedOnlyWithScheduleType } from './field-rules';

const DAY_SECONDS = 86_400;
export const TASK_LIMITS = {
  maxIntervalSeconds: 366 * DAY_SECONDS,
  maxMisfireGraceSeconds: 30 * DAY_SECONDS,
  maxRetries: 20,
  maxRetryDelaySeconds: DAY_SECONDS,
  maxTimeoutSeconds: 7 * DAY_SECONDS,
} as const;

/** What an operator sends to create a task; PATCH takes any subset. */
export class CreateScheduledTaskDto {
  @ApiProperty({
    example: 'test.probe',
    maxLength: 100,
    description: 'A registered handler key; the 400 for an unknown one lists the valid types.',
  })
  @IsString()
  @Characters(1, 100)
  task_type: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    example: 'connection-42',
    description: 'The connection, business or import source the task is about.',
  })
  @IsOptional()
  @IsString()
  @Characters(1, 64)
  source_id?: string | null;

  @ApiPropertyOptional({
    example: 'Nightly sync of connection 42',
    maxLength: 200,
    description: 'Defaults to task_type.',
  })
  @OptionalButNotNull()
  @IsString()
  @Characters(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, example: 'Runs at 02:30' })
  @IsOptional()
  @IsString()
  @Characters(0, 2000)
  description?: string | null;

  @ApiProperty({ enum: SCHEDULE_TYPES, example: 'cron' })
  @IsIn(SCHEDULE_TYPES)
  schedule_type: ScheduleType;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 120,
    example: '30 2 * * *',
    description: '5 fields, or 6 with seconds first. Required when schedule_type is cron.',
  })
  @IsOptional()
  @IsString()
  @Characters(1, 120)
  @UsedOnlyWithScheduleType('cron')
  cron?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: TASK_LIMITS.maxIntervalSeconds,
    example: 3600,
    description:
      'Required when schedule_type is interval. Sync task types need at least MIN_SYNC_INTERVAL_SECONDS.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.maxIntervalSeconds)
  @UsedOnlyWithScheduleType('interval')
  interval_seconds?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    example: ISO_INSTANT_EXAMPLE,
    description: 'Required when schedule_type is once: an ISO 8601 instant with Z or an offset.',
  })
  @IsOptional()
  @IsInstant()
  @UsedOnlyWithScheduleType('once')
  run_at?: string | null;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: 'UTC',
    maxLength: 64,
    description: 'IANA time zone the cron is read in.',
  })
  @OptionalButNotNull()
  @IsString()
  @Characters(1, 64)
  timezone?: string;

  @ApiPropertyOptional({ default: true, example: true })
  @OptionalButNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { sleep_ms: 100 },
    description: "JSON object validated by the handler's payload DTO.",
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown> | null;

  @ApiPropertyOptional({ enum: OVERLAP_POLICIES, default: 'skip', example: 'skip' })
  @OptionalButNotNull()
  @IsIn(OVERLAP_POLICIES)
  overlap_policy?: OverlapPolicy;

  @ApiPropertyOptional({ enum: MISFIRE_POLICIES, default: 'run_once', example: 'run_once' })
  @OptionalButNotNull()
  @IsIn(MISFIRE_POLICIES)
  misfire_policy?: MisfirePolicyName;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: TASK_LIMITS.maxMisfireGraceSeconds,
    default: 3600,
    example: 3600,
  })
  @OptionalButNotNull()
  @IsInt()
  @Min(0)
  @Max(TASK_LIMITS.maxMisfireGraceSeconds)
  misfire_grace_seconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: TASK_LIMITS.maxRetries, default: 3, example: 3 })
  @OptionalButNotNull()
  @IsInt()
  @Min(0)
  @Max(TASK_LIMITS.maxRetries)
  max_retries?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: TASK_LIMITS.maxRetryDelaySeconds,
    default: 300,
    example: 300,
    description: 'Base of the exponential backoff (with jitter, capped).',
  })
  @OptionalButNotNull()
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.maxRetryDelaySeconds)
  retry_delay_seconds?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: TASK_LIMITS.maxTimeoutSeconds,
    example: 600,
    description: "null = the handler's own timeout.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.maxTimeoutSeconds)
  timeout_seconds?: number | null;
}

export class UpdateScheduledTaskDto extends UpdateBodyOf(CreateScheduledTaskDto) {}

/** Only the fields the caller sent: the engine must not read an absent field as a change. */
export function toTaskChanges(dto: UpdateScheduledTaskDto): TaskChanges {
  const changes: TaskChanges = {
    taskType: dto.task_type,
    sourceId: dto.source_id,
    name: dto.name,
    description: dto.description,
    scheduleType: dto.schedule_type,
    cron: dto.cron,
    intervalSeconds: dto.interval_seconds,
    runAt: dto.run_at == null ? dto.run_at : new Date(dto.run_at),
    timezone: dto.timezone,
    enabled: dto.enabled,
    payload: dto.payload,
    overlapPolicy: dto.overlap_policy,
    misfirePolicy: dto.misfire_policy,
    misfireGraceSeconds: dto.misfire_grace_seconds,
    maxRetries: dto.max_retries,
    retryDelaySeconds: dto.retry_delay_seconds,
    timeoutSeconds: dto.timeout_seconds,
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as TaskChanges;
}

export function toTaskDefinition(dto: CreateScheduledTaskDto): TaskDefinition {
  return { ...toTaskChanges(dto), taskType: dto.task_type, scheduleType: dto.schedule_type };
}
