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

/** A borrower, identified by ИНН within a department; created on first sight by an import. */
@Entity('organizations')
@Index('uq_organizations_department_inn', ['departmentId', 'inn'], { unique: true })
export class OrganizationEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_organizations_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  @Column({ type: 'varchar', length: 12 })
  inn: string;

  @Column({ type: 'varchar', length: 500 })
  name: string;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;

  @UpdateDateColumn(utcDateTime({ name: 'updated_at' }))
  updatedAt: Date;
}
