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

export const IMPORT_FILE_STATUSES = ['imported', 'superseded', 'skipped', 'failed'] as const;
export type ImportFileStatus = (typeof IMPORT_FILE_STATUSES)[number];

/**
 * The import ledger: one row per file version an import looked at. `imported_sha256` is set only
 * on imported rows and is unique per department, so the same content can never be imported twice,
 * not even by two instances at once. A file is the truth for its (kind, day): importing a new
 * version marks the earlier imported one `superseded` (and frees its hash).
 */
@Entity('credit_import_files')
@Index('uq_credit_import_files_imported_sha256', ['departmentId', 'importedSha256'], {
  unique: true,
})
@Index('idx_credit_import_files_sha256', ['sha256'])
@Index('idx_credit_import_files_run', ['runId'])
@Index('idx_credit_import_files_status', ['status'])
@Index('idx_credit_import_files_day', ['departmentId', 'fileKind', 'fileDate'])
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

  /** Data rows read, valid or not (for a failed file: those read before it was given up). */
  @Column({ name: 'rows_read', type: 'int', default: 0 })
  rowsRead: number;

  @Column({ name: 'rows_imported', type: 'int', default: 0 })
  rowsImported: number;

  /** Rows of the superseded version that this version no longer has, deleted with its import. */
  @Column({ name: 'rows_removed', type: 'int', default: 0 })
  rowsRemoved: number;

  /** The imported entry of the same (kind, day) that this one replaced. */
  @Column({ name: 'supersedes_import_id', type: 'int', nullable: true })
  supersedesImportId: number | null;

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

  /** The last run that listed the file unchanged (or, at first, when this entry was written). */
  @Column(utcDateTime({ name: 'last_seen_at', nullable: true }))
  lastSeenAt: Date | null;

  @CreateDateColumn(utcDateTime({ name: 'created_at' }))
  createdAt: Date;
}
