import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { money, utcDateTime } from '../../infra/database/column-types';
import { CreditContractEntity } from './credit-contract.entity';
import { CreditImportFileEntity } from './credit-import-file.entity';
import { DepartmentEntity } from './department.entity';
import { OrganizationEntity } from './organization.entity';
import { OrgBankAccountEntity } from './org-bank-account.entity';

/**
 * Loan money received. Receipts carry no reference number, so the natural key is the contract,
 * the day and `seq` — the receipt's position among that contract's receipts of that day in the
 * file. Re-importing a day's file therefore writes the same keys (a corrected amount updates
 * its row instead of adding one).
 */
@Entity('credit_receipts')
@Index('uq_credit_receipts_contract_date_seq', ['contractId', 'receiptDate', 'seq'], {
  unique: true,
})
@Index('idx_credit_receipts_department_date', ['departmentId', 'receiptDate'])
@Index('idx_credit_receipts_organization', ['organizationId'])
@Index('idx_credit_receipts_account', ['accountId'])
@Index('idx_credit_receipts_import_file', ['importFileId'])
export class CreditReceiptEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_credit_receipts_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ name: 'organization_id', type: 'int' })
  @ForeignKey(() => OrganizationEntity, {
    name: 'fk_credit_receipts_organization',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  organizationId: number;

  @Column({ name: 'account_id', type: 'int' })
  @ForeignKey(() => OrgBankAccountEntity, {
    name: 'fk_credit_receipts_account',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  accountId: number;

  @Column({ name: 'contract_id', type: 'int' })
  @ForeignKey(() => CreditContractEntity, {
    name: 'fk_credit_receipts_contract',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  contractId: number;

  /** The file that last wrote the row, and the row's Excel row number in it. */
  @Column({ name: 'import_file_id', type: 'int' })
  @ForeignKey(() => CreditImportFileEntity, {
    name: 'fk_credit_receipts_import_file',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  importFileId: number;

  @Column({ name: 'source_row', type: 'int' })
  sourceRow: number;

  @Column({ name: 'receipt_date', type: 'date' })
  receiptDate: string;

  @Column({ type: 'int' })
  seq: number;

  @Column(money())
  amount: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
