import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JsonObject, money, utcDateTime } from '../../infra/database/column-types';
import { BankAccountEntity } from '../accounts/bank-account.entity';
import type { ProviderTransactionStatus } from '../sync/bank-sync.types';

/**
 * A transaction moved out of `transactions` by `banking.archive-transactions`: the same columns,
 * the same id (ids are never reused, so one id names one row across both tables) and the same
 * natural key, plus when it moved. Written only by the archiver's INSERT … SELECT; TypeORM reads it.
 */
@Entity('transactions_archive')
@Index('uq_transactions_archive_account_key', ['accountId', 'providerTxKey'], { unique: true })
@Index('idx_transactions_archive_account_date', ['accountId', 'bookingDate'])
@Index('idx_transactions_archive_date', ['bookingDate'])
export class ArchivedTransactionEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @ManyToOne(() => BankAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_transactions_archive_account' })
  account?: BankAccountEntity;

  @Column({ name: 'provider_tx_key', type: 'varchar', length: 128 })
  providerTxKey: string;

  @Column({ name: 'provider_reference', type: 'varchar', length: 128, nullable: true })
  providerReference: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: ProviderTransactionStatus;

  @Column({ name: 'booking_date', type: 'date' })
  bookingDate: string;

  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate: string | null;

  @Column(money())
  amount: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'original_description', type: 'text', nullable: true })
  originalDescription: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  counterparty: string | null;

  @Column({ name: 'category_id', type: 'varchar', length: 100, nullable: true })
  categoryId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  @Column({ type: 'json' })
  raw: JsonObject;

  @Column({ name: 'content_hash', type: 'varchar', length: 40 })
  contentHash: string;

  /** When the row was first stored in `transactions`. */
  @Column(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @Column(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;

  @Column(utcDateTime({ name: 'archived_at' }))
  archivedAt: Date;
}
