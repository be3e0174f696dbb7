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

/**
 * A settlement account (20 digits) of an organization, unique within a department. The bank is
 * known by БИК; expense files name the account without it, so БИК and bank stay empty until a
 * receipt mentions the account.
 */
@Entity('org_bank_accounts')
@Index('uq_org_bank_accounts_department_number', ['departmentId', 'accountNumber'], {
  unique: true,
})
@Index('idx_org_bank_accounts_organization', ['organizationId'])
export class OrgBankAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_org_bank_accounts_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ name: 'organization_id', type: 'int' })
  @ForeignKey(() => OrganizationEntity, {
    name: 'fk_org_bank_accounts_organization',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  organizationId: number;

  @Column({ name: 'account_number', type: 'varchar', length: 20 })
  accountNumber: string;

  @Column({ type: 'varchar', length: 9, nullable: true })
  bic: string | null;

  @Column({ name: 'bank_name', type: 'varchar', length: 500, nullable: true })
  bankName: string | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
