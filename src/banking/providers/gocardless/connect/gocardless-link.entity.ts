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
import { utcDateTime } from '../../../../infra/database/column-types';
import { UserEntity } from '../../../../users/user.entity';

export const LINK_STATUSES = ['pending', 'linked', 'failed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * A connect flow in progress: the requisition a user started, under an unguessable reference that
 * GoCardless hands back on the redirect. The reference alone identifies the user and requisition,
 * so a callback can never attach a requisition to anyone else.
 */
@Entity('gocardless_links')
@Index('uq_gocardless_links_reference', ['reference'], { unique: true })
@Index('idx_gocardless_links_user', ['userId'])
export class GoCardlessLinkEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_gocardless_links_user' })
  user?: UserEntity;

  @Column({ name: 'institution_id', type: 'varchar', length: 100 })
  institutionId: string;

  @Column({ name: 'institution_name', type: 'varchar', length: 200, nullable: true })
  institutionName: string | null;

  @Column({ name: 'agreement_id', type: 'varchar', length: 64 })
  agreementId: string;

  @Column({ name: 'requisition_id', type: 'varchar', length: 64 })
  requisitionId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: LinkStatus;

  /** What went wrong (`UserCancelledSession: …`, a rejected requisition); null otherwise. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'connection_id', type: 'int', nullable: true })
  connectionId: number | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
