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
import { JsonObject, money, utcDateTime } from '../../infra/database/column-types';
import { BankAccountEntity } from '../accounts/bank-account.entity';
import type { ProviderTransactionStatus } from '../sync/bank-sync.types';

/**
 * A bank transaction, unique per `(account_id, provider_tx_key)` so re-imports are no-ops. Written
 * by the ingest service with hand-written upserts (see transaction-ingest); TypeORM reads it.
 */
@Entity('transactions')
@Index('uq_transactions_account_key', ['accountId', 'providerTxKey'], { unique: true })
@Index('idx_transactions_account_date', ['accountId', 'bookingDate'])
export class TransactionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @ManyToOne(() => BankAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_transactions_account' })
  account?: BankAccountEntity;

  @Column({ name: 'provider_tx_key', type: 'varchar', length: 128 })
  providerTxKey: string;

  @Column({ name: 'provider_reference', type: 'varchar', length: 128, nullable: true })
  providerReference: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: ProviderTransactionStatus;

  /** YYYY-MM-DD; for pending rows the date the bank expects it to book. */
  @Column({ name: 'booking_date', type: 'date' })
  bookingDate: string;

  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate: string | null;

  @Column(money())
  amount: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** The text to show (the provider's cleaned-up description when it has one). */
  @Column({ type: 'text' })
  description: string;

  /** The bank's own text for the row, as the provider passed it on. */
  @Column({ name: 'original_description', type: 'text', nullable: true })
  originalDescription: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  counterparty: string | null;

  @Column({ name: 'category_id', type: 'varchar', length: 100, nullable: true })
  categoryId: string | null;

  /** The category's name; `null` when the provider named none. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  /** The provider's row as received. */
  @Column({ type: 'json' })
  raw: JsonObject;

  /** Digest of everything above: an unchanged row is recognised without reading it back. */
  @Column({ name: 'content_hash', type: 'varchar', length: 40 })
  contentHash: string;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
