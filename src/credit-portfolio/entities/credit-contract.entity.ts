import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { utcDateTime } from '../../infra/database/column-types';
import { DepartmentEntity } from './department.entity';
import { OrganizationEntity } from './organization.entity';

/** A credit agreement, identified by (organization, number). */
@Entity('credit_contracts')
@Index('uq_credit_contracts_organization_number', ['organizationId', 'contractNumber'], {
  unique: true,
})
@Index('idx_credit_contracts_department_number', ['departmentId', 'contractNumber'])
export class CreditContractEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_credit_contracts_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ name: 'organization_id', type: 'int' })
  @ForeignKey(() => OrganizationEntity, {
    name: 'fk_credit_contracts_organization',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  organizationId: number;

  @Column({ name: 'contract_number', type: 'varchar', length: 100 })
  contractNumber: string;

  /** `YYYY-MM-DD`; only receipts carry it. */
  @Column({ name: 'contract_date', type: 'date', nullable: true })
  contractDate: string | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
