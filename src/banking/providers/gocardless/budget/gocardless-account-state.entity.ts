import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { money, utcDateTime } from '../../../../infra/database/column-types';
import { BankConnectionEntity } from '../../../connections/bank-connection.entity';

/**
 * What finsync knows of one GoCardless account between syncs: its status at GoCardless, why it
 * stopped syncing, the details and balance last read (they are read less often than transactions),
 * and its circuit (consecutive failed calls, counted as the bank counts them).
 */
@Entity('gocardless_accounts')
@Index('uq_gocardless_accounts', ['connectionId', 'accountId'], { unique: true })
export class GoCardlessAccountStateEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'connection_id', type: 'int' })
  connectionId: number;

  @ManyToOne(() => BankConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'connection_id',
    foreignKeyConstraintName: 'fk_gocardless_accounts_connection',
  })
  connection?: BankConnectionEntity;

  @Column({ name: 'account_id', type: 'varchar', length: 64 })
  accountId: string;

  @Column({ type: 'varchar', length: 16, default: 'READY' })
  status: string;

  /** Why the account no longer syncs (ERROR, SUSPENDED, too many failures); null while it does. */
  @Column({ name: 'stopped_reason', type: 'text', nullable: true })
  stoppedReason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 34, nullable: true })
  iban: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'account_type', type: 'varchar', length: 16, nullable: true })
  accountType: string | null;

  @Column(utcDateTime({ name: 'details_read_at', nullable: true }))
  detailsReadAt: Date | null;

  @Column(money({ nullable: true }))
  balance: string | null;

  @Column(utcDateTime({ name: 'balance_at', nullable: true }))
  balanceAt: Date | null;

  /** How far back the agreement lets finsync read (its `max_historical_days`). */
  @Column({ name: 'history_days', type: 'int', nullable: true })
  historyDays: number | null;

  @Column({ name: 'transactions_reads', type: 'int', default: 0 })
  transactionsReads: number;

  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column(utcDateTime({ name: 'circuit_open_until', nullable: true }))
  circuitOpenUntil: Date | null;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
