import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { Page } from '../../core/http/pagination';
import { CreditImportFileEntity, ImportFileStatus } from '../entities';
import { RemoteDayFile } from './day-files';
import { ErrorReport } from './error-report';

export interface LedgerEntry {
  departmentId: number;
  runId: string | null;
  file: RemoteDayFile;
  sha256: string | null;
  status: ImportFileStatus;
  rowsRead?: number;
  rowsImported?: number;
  errorMessage?: string | null;
  errorReport?: ErrorReport | null;
  startedAt: Date;
  finishedAt: Date;
}

export interface LedgerFilter {
  departmentId?: number;
  status?: ImportFileStatus;
  runId?: string;
}

/** Reads and writes `credit_import_files`. */
@Injectable()
export class ImportLedger {
  private readonly files: Repository<CreditImportFileEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.files = dataSource.getRepository(CreditImportFileEntity);
  }

  /** The entry that imported this content into the department, if any. */
  findImported(departmentId: number, sha256: string): Promise<CreditImportFileEntity | null> {
    return this.files.findOneBy({ departmentId, importedSha256: sha256 });
  }

  /** The skipped entry that already stands for this content under this path, if any. */
  findSkipped(
    departmentId: number,
    remotePath: string,
    sha256: string,
  ): Promise<CreditImportFileEntity | null> {
    return this.files.findOne({
      where: { departmentId, remotePath, sha256, status: 'skipped' },
      order: { id: 'DESC' },
    });
  }

  /**
   * The entries of these days that stand for a file as it was listed, newest first: what the
   * listing of a run is compared with before anything is downloaded. Superseded ones count: a
   * replaced version still listed as it was (say, a differently cased copy of the same day) must
   * not be imported again on every run.
   */
  findCurrent(departmentId: number, days: readonly string[]): Promise<CreditImportFileEntity[]> {
    if (days.length === 0) return Promise.resolve([]);
    return this.files.find({
      select: { id: true, remotePath: true, sizeBytes: true, remoteModifiedAt: true },
      where: {
        departmentId,
        fileDate: In([...new Set(days)]),
        status: In(['imported', 'superseded', 'skipped']),
      },
      order: { id: 'DESC' },
    });
  }

  /**
   * Records that a run saw these entries' files again; `listing` also refreshes what the server
   * listed (same content uploaded again), so the next run can tell it is unchanged.
   */
  async markSeen(
    ids: readonly number[],
    seenAt: Date,
    listing?: { sizeBytes: number; remoteModifiedAt: Date | null },
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.files.update({ id: In([...ids]) }, { lastSeenAt: seenAt, ...listing });
  }

  /**
   * Inserts an `imported` entry inside the file's transaction, before its rows (they reference
   * it). Its unique imported_sha256 makes a concurrent import of the same content fail here.
   */
  async openImport(manager: EntityManager, entry: LedgerEntry): Promise<number> {
    const result = await manager.insert(CreditImportFileEntity, {
      ...this.toRow(entry),
      importedSha256: entry.sha256,
    });
    return Number(result.identifiers[0].id);
  }

  async closeImport(
    manager: EntityManager,
    id: number,
    counts: {
      rowsRead: number;
      rowsImported: number;
      rowsRemoved: number;
      supersedesImportId: number | null;
      finishedAt: Date;
    },
  ): Promise<void> {
    await manager.update(CreditImportFileEntity, { id }, counts);
  }

  /** A skipped or failed file, outside any transaction. */
  async record(entry: LedgerEntry): Promise<number> {
    const result = await this.files.insert({ ...this.toRow(entry), importedSha256: null });
    return Number(result.identifiers[0].id);
  }

  /** Newest first. */
  async list(
    filter: LedgerFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<CreditImportFileEntity>> {
    const query = this.files
      .createQueryBuilder('f')
      .orderBy('f.id', 'DESC')
      .take(limit + 1);
    if (filter.departmentId !== undefined)
      query.andWhere('f.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.runId) query.andWhere('f.run_id = :runId', { runId: filter.runId });
    if (cursor) query.andWhere('f.id < :beforeId', { beforeId: decodeCursor(cursor, ['int'])[0] });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > limit ? encodeCursor([last.id]) : null };
  }

  private toRow(entry: LedgerEntry): Omit<CreditImportFileEntity, 'id' | 'createdAt'> {
    return {
      departmentId: entry.departmentId,
      runId: entry.runId,
      fileName: entry.file.name,
      remotePath: entry.file.path,
      fileKind: entry.file.kind,
      fileDate: entry.file.date,
      sizeBytes: entry.file.size,
      remoteModifiedAt: entry.file.modifiedAt,
      sha256: entry.sha256,
      importedSha256: null,
      status: entry.status,
      rowsRead: entry.rowsRead ?? 0,
      rowsImported: entry.rowsImported ?? 0,
      problemCount: entry.errorReport?.problem_count ?? 0,
      errorMessage: entry.errorMessage ?? null,
      errorReport: entry.errorReport ?? null,
      rowsRemoved: 0,
      supersedesImportId: null,
      startedAt: entry.startedAt,
      finishedAt: entry.finishedAt,
      lastSeenAt: entry.startedAt,
    };
  }
}
