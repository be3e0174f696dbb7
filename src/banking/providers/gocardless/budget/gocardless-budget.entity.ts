import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { utcDateTime } from '../../../../infra/database/column-types';
import { BankConnectionEntity } from '../../../connections/bank-connection.entity';

export const BUDGET_SCOPES = ['details', 'balances', 'transactions'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/**
 * One account's budget of successful calls in one scope over GoCardless' rolling 24 h, shared by
 * every instance. `remaining`/`resets_at` are what the last answer's headers said; `recent_calls`
 * are finsync's own successful calls (epoch ms), which count when no header has spoken yet.
 */
@Entity('gocardless_budgets')
@Index('uq_gocardless_budgets', ['connectionId', 'accountId', 'scope'], { unique: true })
export class GoCardlessBudgetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'connection_id', type: 'int' })
  connectionId: number;

  @ManyToOne(() => BankConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'connection_id',
    foreignKeyConstraintName: 'fk_gocardless_budgets_connection',
  })
  connection?: BankConnectionEntity;

  @Column({ name: 'account_id', type: 'varchar', length: 64 })
  accountId: string;

  @Column({ type: 'varchar', length: 16 })
  scope: BudgetScope;

  @Column({ name: 'call_limit', type: 'int', nullable: true })
  callLimit: number | null;

  @Column({ type: 'int', nullable: true })
  remaining: number | null;

  @Column(utcDateTime({ name: 'resets_at', nullable: true }))
  resetsAt: Date | null;

  @Column({ name: 'recent_calls', type: 'json', nullable: true })
  recentCalls: number[] | null;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
