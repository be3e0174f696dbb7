import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { utcDateTime } from '../infra/database/column-types';

export const SUBSCRIPTION_PLANS = ['free', 'premium'] as const;
export type SubscriptionPlan = (typeof SUBSCRIPTION_PLANS)[number];

@Entity('users')
@Index('uq_users_email', ['email'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'subscription_plan', type: 'varchar', length: 16, default: 'free' })
  subscriptionPlan: SubscriptionPlan;

  @Column(utcDateTime({ name: 'premium_until', nullable: true }))
  premiumUntil: Date | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;

  /** Premium counts while the plan is premium and `premium_until` is unset or in the future. */
  hasActivePremium(now: Date): boolean {
    return this.subscriptionPlan === 'premium' && (!this.premiumUntil || this.premiumUntil > now);
  }
}
