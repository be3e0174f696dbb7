import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { JsonObject, utcDateTime } from '../../../infra/database/column-types';
import {
  MisfirePolicyName,
  OverlapPolicy,
  RunTrigger,
  ScheduleType,
  TaskOrigin,
  TaskStatus,
} from '../scheduling.types';

/**
 * A task: what to run (`task_type` = a registered handler key, optional `source_id`), when
 * (`schedule_type` + cron / interval / run_at in `timezone`) and how (policies).
 * `next_run` is null while the task cannot fire (disabled, paused, a `once` already done).
 */
@Entity('scheduled_tasks')
@Index('uq_scheduled_tasks_code_key', ['codeKey'], { unique: true })
@Index('idx_scheduled_tasks_next_run', ['nextRun'])
@Index('idx_scheduled_tasks_retry_at', ['retryAt'])
@Index('idx_scheduled_tasks_type_source', ['taskType', 'sourceId'])
@Index('idx_scheduled_tasks_created', ['createdAt', 'id'])
export class ScheduledTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'task_type', type: 'varchar', length: 100 })
  taskType: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64, nullable: true })
  sourceId: string | null;

  /** Set for code-declared tasks (the handler key); null for tasks created through the API. */
  @Column({ name: 'code_key', type: 'varchar', length: 100, nullable: true })
  codeKey: string | null;

  @Column({ type: 'varchar', length: 8 })
  origin: TaskOrigin;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'schedule_type', type: 'varchar', length: 20 })
  scheduleType: ScheduleType;

  @Column({ name: 'cron_expression', type: 'varchar', length: 120, nullable: true })
  cronExpression: string | null;

  @Column({ name: 'interval_seconds', type: 'int', nullable: true })
  intervalSeconds: number | null;

  /** Interval fires are anchor + k·interval, so every instance computes the same instants. */
  @Column(utcDateTime({ name: 'anchor_at' }))
  anchorAt: Date;

  @Column(utcDateTime({ name: 'run_at', nullable: true }))
  runAt: Date | null;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'boolean', default: false })
  paused: boolean;

  @Column({ type: 'json', nullable: true })
  payload: JsonObject | null;

  @Column({ name: 'overlap_policy', type: 'varchar', length: 16, default: 'skip' })
  overlapPolicy: OverlapPolicy;

  @Column({ name: 'misfire_policy', type: 'varchar', length: 16, default: 'run_once' })
  misfirePolicy: MisfirePolicyName;

  @Column({ name: 'misfire_grace_seconds', type: 'int', default: 3600 })
  misfireGraceSeconds: number;

  @Column({ name: 'max_retries', type: 'int', default: 3 })
  maxRetries: number;

  @Column({ name: 'retry_delay_seconds', type: 'int', default: 300 })
  retryDelaySeconds: number;

  @Column({ name: 'timeout_seconds', type: 'int', nullable: true })
  timeoutSeconds: number | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: TaskStatus;

  @Column(utcDateTime({ name: 'last_run', nullable: true }))
  lastRun: Date | null;

  @Column(utcDateTime({ name: 'next_run', nullable: true }))
  nextRun: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  /** A failed fire waiting for its next attempt: when, which fire, which attempt. */
  @Column(utcDateTime({ name: 'retry_at', nullable: true }))
  retryAt: Date | null;

  @Column(utcDateTime({ name: 'retry_scheduled_for', nullable: true }))
  retryScheduledFor: Date | null;

  @Column({ name: 'retry_attempt', type: 'int', nullable: true })
  retryAttempt: number | null;

  /** buffer_one overlap: the one fire waiting for the running one to finish, and what asked for it. */
  @Column(utcDateTime({ name: 'buffered_for', nullable: true }))
  bufferedFor: Date | null;

  @Column({ name: 'buffered_trigger', type: 'varchar', length: 16, nullable: true })
  bufferedTrigger: RunTrigger | null;

  /** Edited through the API: boot no longer overwrites it from code, until reset. */
  @Column({ name: 'operator_modified', type: 'boolean', default: false })
  operatorModified: boolean;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
