import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { money, utcDateTime } from '../../infra/database/column-types';
import { ExpenseKind } from '../parsing';
import { CreditContractEntity } from './credit-contract.entity';
import { CreditImportFileEntity } from './credit-import-file.entity';
import { DepartmentEntity } from './department.entity';
import { OrganizationEntity } from './organization.entity';
import { OrgBankAccountEntity } from './org-bank-account.entity';

/** A repayment, identified by (contract, Номер платежа). */
@Entity('credit_expenses')
@Index('uq_credit_expenses_contract_payment', ['contractId', 'paymentNo'], { unique: true })
@Index('idx_credit_expenses_department_payment', ['departmentId', 'paymentNo'])
@Index('idx_credit_expenses_organization', ['organizationId'])
@Index('idx_credit_expenses_account', ['accountId'])
@Index('idx_credit_expenses_import_file', ['importFileId'])
export class CreditExpenseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_credit_expenses_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ name: 'organization_id', type: 'int' })
  @ForeignKey(() => OrganizationEntity, {
    name: 'fk_credit_expenses_organization',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  organizationId: number;

  @Column({ name: 'account_id', type: 'int' })
  @ForeignKey(() => OrgBankAccountEntity, {
    name: 'fk_credit_expenses_account',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  accountId: number;

  @Column({ name: 'contract_id', type: 'int' })
  @ForeignKey(() => CreditContractEntity, {
    name: 'fk_credit_expenses_contract',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  contractId: number;

  /** The file that last wrote the row, and the row's Excel row number in it. */
  @Column({ name: 'import_file_id', type: 'int' })
  @ForeignKey(() => CreditImportFileEntity, {
    name: 'fk_credit_expenses_import_file',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  importFileId: number;

  @Column({ name: 'source_row', type: 'int' })
  sourceRow: number;

  @Column({ name: 'payment_no', type: 'varchar', length: 64 })
  paymentNo: string;

  @Column({ name: 'expense_date', type: 'date' })
  expenseDate: string;

  @Column(money())
  amount: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ExpenseKind;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
