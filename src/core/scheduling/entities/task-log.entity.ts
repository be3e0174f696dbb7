import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonObject, utcDateTime } from '../../../infra/database/column-types';
import type { RunProgress } from '../run-items';
import { RunStatus, RunTrigger } from '../scheduling.types';

/**
 * One execution (or a fire that did not execute: skipped, missed). `(task_id, scheduled_for, attempt)`
 * is unique: inserting the row is how an instance claims a fire, so each runs exactly once.
 */
@Entity('task_logs')
@Index('uq_task_logs_fire', ['taskId', 'scheduledFor', 'attempt'], { unique: true })
@Index('idx_task_logs_task_status', ['taskId', 'status'])
@Index('idx_task_logs_status_heartbeat', ['status', 'heartbeatAt'])
@Index('idx_task_logs_created_at', ['createdAt'])
@Index('idx_task_logs_task_start', ['taskId', 'executionStart'])
@Index('idx_task_logs_start', ['executionStart', 'id'])
@Index('idx_task_logs_status_start', ['status', 'executionStart', 'id'])
export class TaskLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @Column(utcDateTime({ name: 'scheduled_for' }))
  scheduledFor: Date;

  @Column({ type: 'varchar', length: 16 })
  trigger: RunTrigger;

  @Column({ type: 'int', default: 1 })
  attempt: number;

  @Column({ type: 'varchar', length: 20 })
  status: RunStatus;

  @Column(utcDateTime({ name: 'execution_start' }))
  executionStart: Date;

  @Column(utcDateTime({ name: 'execution_end', nullable: true }))
  executionEnd: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: 'json', nullable: true })
  details: JsonObject | null;

  /** Item counts of a run that reported items (null: it reported none). */
  @Column({ name: 'items_total', type: 'int', nullable: true })
  itemsTotal: number | null;

  @Column({ name: 'items_succeeded', type: 'int', nullable: true })
  itemsSucceeded: number | null;

  @Column({ name: 'items_failed', type: 'int', nullable: true })
  itemsFailed: number | null;

  @Column({ name: 'items_skipped', type: 'int', nullable: true })
  itemsSkipped: number | null;

  /** While running: items done of total and the current item, written at most once a second. */
  @Column({ type: 'json', nullable: true })
  progress: RunProgress | null;

  /**
   * The item ids the next attempt of this fire processes (null: all): the failed items of a run
   * that ended `partial` or `failed` by its items, otherwise this run's own narrowed scope.
   */
  @Column({ name: 'retry_items', type: 'json', nullable: true })
  retryItems: string[] | null;

  /** The run did nothing (e.g. a cleanup with nothing to delete): hidden unless asked for. */
  @Column({ type: 'boolean', default: false })
  idle: boolean;

  @Column({ name: 'instance_id', type: 'varchar', length: 100, nullable: true })
  instanceId: string | null;

  @Column(utcDateTime({ name: 'heartbeat_at', nullable: true }))
  heartbeatAt: Date | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
