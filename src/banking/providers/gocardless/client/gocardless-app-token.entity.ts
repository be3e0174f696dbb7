import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { utcDateTime } from '../../../../infra/database/column-types';

/**
 * The app-level GoCardless token pair, sealed (AES-256-GCM), one row shared by every instance so a
 * fleet does not spend `/token/new/`'s hourly limit. Never leaves `GoCardlessTokenVault`.
 */
@Entity('gocardless_app_tokens')
export class GoCardlessAppTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'text' })
  sealed: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16 })
  keyId: string;

  @Column(utcDateTime({ name: 'access_expires_at' }))
  accessExpiresAt: Date;

  @Column(utcDateTime({ name: 'refresh_expires_at', nullable: true }))
  refreshExpiresAt: Date | null;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
