import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { utcDateTime } from '../../infra/database/column-types';

/** Finance (id 8) is seeded by the migration; imports write into one department. */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
