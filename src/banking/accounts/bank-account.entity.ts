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
import { money, utcDateTime } from '../../infra/database/column-types';
import { BankConnectionEntity } from '../connections/bank-connection.entity';
import type { ProviderAccountType } from '../sync/bank-sync.types';

@Entity('bank_accounts')
@Index('uq_bank_accounts_external', ['connectionId', 'externalId'], { unique: true })
export class BankAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'connection_id', type: 'int' })
  connectionId: number;

  @ManyToOne(() => BankConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_bank_accounts_connection' })
  connection?: BankConnectionEntity;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Stored in full; every API response masks it. */
  @Column({ type: 'varchar', length: 34, nullable: true })
  iban: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: ProviderAccountType;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column(money({ nullable: true }))
  balance: string | null;

  @Column(utcDateTime({ name: 'balance_at', nullable: true }))
  balanceAt: Date | null;

  /** Start of the last sync that read this account's transactions completely. */
  @Column(utcDateTime({ name: 'transactions_synced_at', nullable: true }))
  transactionsSyncedAt: Date | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
