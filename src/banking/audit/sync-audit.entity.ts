import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { JsonObject, utcDateTime } from '../../infra/database/column-types';
import type { Role } from '../../core/auth/roles';
import { BankConnectionEntity } from '../connections/bank-connection.entity';
import type { BankProvider } from '../sync/bank-sync.types';

/** One row per connection a person asked to sync (the manual refresh): who, when, what, outcome. */
@Entity('sync_audit')
@Index('idx_sync_audit_user_started', ['userId', 'startedAt'])
@Index('idx_sync_audit_connection', ['connectionId'])
export class SyncAuditEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who asked (an admin may ask for another user). */
  @Column({ name: 'actor_user_id', type: 'int' })
  actorUserId: number;

  @Column({ name: 'actor_role', type: 'varchar', length: 8 })
  actorRole: Role;

  /** Whose data was synced. */
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  /** `null` when the user had no connection to sync, or the connection was deleted since. */
  @Column({ name: 'connection_id', type: 'int', nullable: true })
  connectionId: number | null;

  @ManyToOne(() => BankConnectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_sync_audit_connection' })
  connection?: BankConnectionEntity;

  @Column({ type: 'varchar', length: 16 })
  provider: BankProvider;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'json', nullable: true })
  details: JsonObject | null;

  @Column(utcDateTime({ name: 'started_at' }))
  startedAt: Date;

  @Column(utcDateTime({ name: 'finished_at' }))
  finishedAt: Date;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
