import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { utcDateTime } from '../../infra/database/column-types';
import type { BankProvider } from '../sync/bank-sync.types';
import { UserEntity } from '../../users/user.entity';

export const CONNECTION_STATUSES = ['active', 'needs_reauth', 'disconnected', 'error'] as const;
/**
 * `active`: syncing; `error`: failed several times in a row (still retried after its cool-off);
 * `needs_reauth`: the consent is gone, skipped until the user reconnects; `disconnected`: removed.
 */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** One bank login of a user at an aggregator (a Tink credential, a GoCardless requisition, ...). */
@Entity('bank_connections')
@Index('uq_bank_connections_external', ['provider', 'externalId'], { unique: true })
@Index('idx_bank_connections_user', ['userId'])
@Index('idx_bank_connections_provider_status', ['provider', 'status'])
export class BankConnectionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_bank_connections_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  provider: BankProvider;

  @Column({ name: 'provider_user_id', type: 'varchar', length: 128, nullable: true })
  providerUserId: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId: string;

  @Column({ name: 'institution_name', type: 'varchar', length: 200, nullable: true })
  institutionName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: ConnectionStatus;

  /** Tokens and credentials as one sealed JSON document (AES-256-GCM); never leaves the service. */
  @Column({ name: 'sealed_secrets', type: 'text', nullable: true })
  sealedSecrets: string | null;

  /** Key the secrets were sealed with, so a key rotation can find what to re-seal. */
  @Column({ name: 'secrets_key_id', type: 'varchar', length: 16, nullable: true })
  secretsKeyId: string | null;

  @Column(utcDateTime({ name: 'token_expires_at', nullable: true }))
  tokenExpiresAt: Date | null;

  @Column(utcDateTime({ name: 'consent_expires_at', nullable: true }))
  consentExpiresAt: Date | null;

  /** Last attempt, whatever its outcome. */
  @Column(utcDateTime({ name: 'last_sync_at', nullable: true }))
  lastSyncAt: Date | null;

  @Column(utcDateTime({ name: 'last_success_at', nullable: true }))
  lastSuccessAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures: number;

  /** The circuit breaker: no automatic attempt before this. */
  @Column(utcDateTime({ name: 'next_attempt_at', nullable: true }))
  nextAttemptAt: Date | null;

  /** Who is syncing it right now (one sync per connection across instances) and until when. */
  @Column({ name: 'sync_lock_owner', type: 'varchar', length: 64, nullable: true })
  syncLockOwner: string | null;

  @Column(utcDateTime({ name: 'sync_locked_until', nullable: true }))
  syncLockedUntil: Date | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
