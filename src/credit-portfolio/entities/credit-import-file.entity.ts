import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { JsonObject, utcDateTime } from '../../infra/database/column-types';
import { FileKind } from '../parsing';
import { DepartmentEntity } from './department.entity';

export const IMPORT_FILE_STATUSES = ['imported', 'skipped', 'failed'] as const;
export type ImportFileStatus = (typeof IMPORT_FILE_STATUSES)[number];

/**
 * The import ledger: one row per file an import run looked at. `imported_sha256` is set only on
 * imported rows and is unique per department, so the same content can never be imported twice,
 * not even by two instances at once.
 */
@Entity('credit_import_files')
@Index('uq_credit_import_files_imported_sha256', ['departmentId', 'importedSha256'], {
  unique: true,
})
@Index('idx_credit_import_files_sha256', ['sha256'])
@Index('idx_credit_import_files_run', ['runId'])
@Index('idx_credit_import_files_status', ['status'])
export class CreditImportFileEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'department_id', type: 'int' })
  @ForeignKey(() => DepartmentEntity, {
    name: 'fk_credit_import_files_department',
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  })
  departmentId: number;

  /** The scheduled-task run (task_logs.id) that handled the file; null outside a run. */
  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'remote_path', type: 'varchar', length: 1000 })
  remotePath: string;

  @Column({ name: 'file_kind', type: 'varchar', length: 20 })
  fileKind: FileKind;

  /** The export day from the file name. */
  @Column({ name: 'file_date', type: 'date' })
  fileDate: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column(utcDateTime({ name: 'remote_modified_at', nullable: true }))
  remoteModifiedAt: Date | null;

  /** Null when the download itself failed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;

  @Column({ name: 'imported_sha256', type: 'varchar', length: 64, nullable: true })
  importedSha256: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ImportFileStatus;

  /** Data rows that parsed (for a failed file: those read before it was given up). */
  @Column({ name: 'rows_read', type: 'int', default: 0 })
  rowsRead: number;

  @Column({ name: 'rows_imported', type: 'int', default: 0 })
  rowsImported: number;

  @Column({ name: 'problem_count', type: 'int', default: 0 })
  problemCount: number;

  /** One line: why the file failed or was skipped. */
  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  /** `{ problem_count, truncated, problems: [{ sheet, row, column, message, code }] }` */
  @Column({ name: 'error_report', type: 'json', nullable: true })
  errorReport: JsonObject | null;

  @Column(utcDateTime({ name: 'started_at' }))
  startedAt: Date;

  @Column(utcDateTime({ name: 'finished_at' }))
  finishedAt: Date;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
