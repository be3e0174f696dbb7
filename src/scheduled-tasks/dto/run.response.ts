import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { TaskLogEntity } from '../../core/scheduling/entities/task-log.entity';
import type { TaskLabel } from '../../core/scheduling/store/task-settings.store';
import {
  RUN_STATUSES,
  RUN_TRIGGERS,
  RunStatus,
  RunTrigger,
} from '../../core/scheduling/scheduling.types';
import { isoOrNull } from './task.response';

export class RunProgressResponse {
  @ApiProperty({ type: Number, nullable: true, example: 50, description: 'null until known.' })
  total: number | null;

  @ApiProperty({ example: 12, description: 'Items finished, whatever their outcome.' })
  done: number;

  @ApiProperty({ example: 11 })
  succeeded: number;

  @ApiProperty({ example: 1 })
  failed: number;

  @ApiProperty({ example: 0 })
  skipped: number;

  @ApiProperty({ type: String, nullable: true, example: 'connection 42' })
  current: string | null;

  @ApiProperty({ example: '2026-03-29T01:00:07.000Z' })
  updated_at: string;
}

/** One row of the run history. */
export class TaskRunResponse {
  @ApiProperty({ format: 'uuid', example: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93' })
  task_id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'tink.sync-connections',
    description:
      'The key of a code-declared task (usable in place of the id in /scheduled-tasks/{id}); null for tasks created through the API.',
  })
  task_key: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sync Tink connections',
    description: 'null when the task was deleted.',
  })
  task_name: string | null;

  @ApiProperty({ example: '2026-03-29T01:00:00.000Z', description: 'The fire this run is for.' })
  scheduled_for: string;

  @ApiProperty({ enum: RUN_TRIGGERS, example: 'schedule' })
  trigger: RunTrigger;

  @ApiProperty({ example: 1, description: '1 for the first try, then 2, 3… for retries.' })
  attempt: number;

  @ApiProperty({
    enum: RUN_STATUSES,
    example: 'partial',
    description:
      '`partial`: finished, some items failed and some succeeded; `failed`: it threw, or every item it tried failed. A run with no items, or only succeeded and skipped ones, is `completed`.',
  })
  status: RunStatus;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 50,
    description: 'Items (connections, files, …) of the run; null when the task reports none.',
  })
  items_total: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 47 })
  items_succeeded: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 3 })
  items_failed: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0,
    description: 'Items the run decided not to process (e.g. deferred by the sync policy).',
  })
  items_skipped: number | null;

  @ApiPropertyOptional({
    type: RunProgressResponse,
    nullable: true,
    description:
      'While the run is running: items done of total and the current item, updated at most once a second. null once it has finished.',
  })
  progress: RunProgressResponse | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['42'],
    description:
      'The item ids the next attempt of this fire processes: the failed items of a `partial` run (null: all).',
  })
  retry_items: string[] | null;

  @ApiProperty({
    example: false,
    description:
      'The run did nothing (e.g. a cleanup with nothing to delete). Lists leave such runs out unless include_idle=true.',
  })
  idle: boolean;

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

  /** `labels`: the key and name of each run's task, by task id (one query per page). */
  static from(run: TaskLogEntity, labels: Map<string, TaskLabel>): TaskRunResponse {
    const label = labels.get(run.taskId);
    return {
      id: run.id,
      task_id: run.taskId,
      task_key: label?.key ?? null,
      task_name: label?.name ?? null,
      scheduled_for: run.scheduledFor.toISOString(),
      trigger: run.trigger,
      attempt: run.attempt,
      status: run.status,
      items_total: run.itemsTotal,
      items_succeeded: run.itemsSucceeded,
      items_failed: run.itemsFailed,
      items_skipped: run.itemsSkipped,
      progress: run.status === 'running' ? run.progress : null,
      retry_items: run.retryItems,
      idle: Boolean(run.idle),
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
