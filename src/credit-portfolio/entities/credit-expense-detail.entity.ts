import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { money, utcDateTime } from '../../infra/database/column-types';
import { CreditExpenseEntity } from './credit-expense.entity';
import { CreditImportFileEntity } from './credit-import-file.entity';
import { DepartmentEntity } from './department.entity';

/** The breakdown of one repayment; one per expense. */
@Entity('credit_expense_details')
@Index('uq_credit_expense_details_expense', ['expenseId'], { unique: true })
@Index('idx_credit_expense_details_department', ['departmentId'])
@Index('idx_credit_expense_details_import_file', ['importFileId'])
export class CreditExpenseDetailEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_credit_expense_details_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ name: 'expense_id', type: 'int' })
  @ForeignKey(() => CreditExpenseEntity, {
    name: 'fk_credit_expense_details_expense',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  expenseId: number;

  /** The file that last wrote the row, and the row's Excel row number in it. */
  @Column({ name: 'import_file_id', type: 'int' })
  @ForeignKey(() => CreditImportFileEntity, {
    name: 'fk_credit_expense_details_import_file',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  importFileId: number;

  @Column({ name: 'source_row', type: 'int' })
  sourceRow: number;

  @Column({ name: 'detail_date', type: 'date' })
  detailDate: string;

  @Column(money())
  principal: string;

  @Column(money())
  interest: string;

  @Column(money())
  fee: string;

  @Column(money())
  total: string;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
