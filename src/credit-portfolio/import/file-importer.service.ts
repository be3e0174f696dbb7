import { Injectable, LoggerService } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/scheduling/clock';
import { isUniqueViolation } from '../../infra/database/database-errors';
import { abortReason } from '../../infra/async/abortable-sleep';
import { ImportFileStatus } from '../entities';
import { DEFAULT_BATCH_SIZE, parseWorkbook, ProblemLog, SHEET_NAME_BY_KIND } from '../parsing';
import { replaceEarlierVersions } from './day-replacement';
import { buildErrorReport, describeErrorReport, ErrorReport } from './error-report';
import { sha256OfFile } from './file-hash';
import { DownloadedDayFile } from './ftp-download';
import { ImportLedger } from './import-ledger.service';
import { ReferenceResolver } from './reference-resolver';
import { WriteResult } from './row-writer';
import { createRowWriter } from './row-writers';
import { WriteAhead } from './write-ahead';

export interface FileImportContext {
  departmentId: number;
  runId: string | null;
  logger: LoggerService;
  signal?: AbortSignal;
  /** Rows per parsed batch and per INSERT. */
  batchSize?: number;
}

export interface FileImportOutcome {
  fileName: string;
  /** `unchanged`: content already in the ledger under this path; its entry was marked seen. */
  status: ImportFileStatus | 'unchanged';
  ledgerId: number;
  rowsImported: number;
  /** Rows of the superseded version of the (kind, day) that this version no longer has. */
  rowsRemoved: number;
  problemCount: number;
  /** Why the file was skipped or failed. */
  message: string | null;
}

interface WrittenFile {
  rowsRead: number;
  rowsImported: number;
  report: ErrorReport | null;
}

/**
 * Imports one downloaded workbook: not again when its content is already imported; otherwise
 * parsed as a stream and written in batches inside one transaction, which also records the
 * ledger entry and replaces the earlier version of the file's (kind, day). Any problem rolls the
 * whole file back and records it `failed` with the report.
 */
@Injectable()
export class CreditPortfolioFileImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: ImportLedger,
    private readonly clock: Clock,
  ) {}

  async importFile(
    file: DownloadedDayFile,
    context: FileImportContext,
  ): Promise<FileImportOutcome> {
    const startedAt = this.clock.now();
    const sha256 = await sha256OfFile(file.localPath);
    const previous = await this.ledger.findImported(context.departmentId, sha256);
    if (previous) return this.known(file, sha256, startedAt, context, previous);
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      let ledgerId: number;
      try {
        ledgerId = await this.ledger.openImport(queryRunner.manager, {
          departmentId: context.departmentId,
          runId: context.runId,
          file,
          sha256,
          status: 'imported',
          startedAt,
          finishedAt: startedAt,
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await queryRunner.rollbackTransaction();
        return this.skip(file, sha256, startedAt, context, 'imported meanwhile by another run');
      }
      const written = await this.writeRows(queryRunner.manager, file, ledgerId, context);
      if (written.report) {
        await queryRunner.rollbackTransaction();
        return this.fail(file, sha256, startedAt, context, written, written.report);
      }
      const replaced = await replaceEarlierVersions(queryRunner.manager, {
        departmentId: context.departmentId,
        kind: file.kind,
        date: file.date,
        importFileId: ledgerId,
      });
      const finishedAt = this.clock.now();
      await this.ledger.closeImport(queryRunner.manager, ledgerId, {
        rowsRead: written.rowsRead,
        rowsImported: written.rowsImported,
        rowsRemoved: replaced.rowsRemoved,
        supersedesImportId: replaced.supersedesImportId,
        finishedAt,
      });
      await queryRunner.commitTransaction();
      const replacing =
        replaced.supersedesImportId === null
          ? ''
          : `, replacing ledger entry ${replaced.supersedesImportId} (${replaced.rowsRemoved} rows no longer in the file removed${
              replaced.detailsRemoved > 0
                ? `, with the ${replaced.detailsRemoved} expense details of them`
                : ''
            })`;
      context.logger.log(
        `Imported ${file.name}: ${written.rowsImported} rows in ${seconds(startedAt, finishedAt)} s${replacing}`,
      );
      return {
        fileName: file.name,
        status: 'imported',
        ledgerId,
        rowsImported: written.rowsImported,
        rowsRemoved: replaced.rowsRemoved,
        problemCount: 0,
        message: null,
      };
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      const reason = error instanceof Error ? error.message : String(error);
      const written = { rowsRead: 0, rowsImported: 0 };
      const outcome = await this.fail(file, sha256, startedAt, context, written, null, reason);
      if (context.signal?.aborted) throw error;
      return outcome;
    } finally {
      await queryRunner.release();
    }
  }

  private async writeRows(
    manager: EntityManager,
    file: DownloadedDayFile,
    importFileId: number,
    context: FileImportContext,
  ): Promise<WrittenFile> {
    const now = (): Date => this.clock.now();
    const writer = createRowWriter(file.kind, {
      manager,
      departmentId: context.departmentId,
      importFileId,
      references: new ReferenceResolver(manager, context.departmentId, now),
    });
    const parse = parseWorkbook(file.localPath, file.kind, {
      batchSize: context.batchSize ?? DEFAULT_BATCH_SIZE,
    });
    const importProblems = new ProblemLog();
    const writes = new WriteAhead<WriteResult>();
    let rowsImported = 0;
    const collect = (result: WriteResult | null): void => {
      for (const problem of result?.problems ?? []) importProblems.add(problem);
      rowsImported += result?.written ?? 0;
    };
    for await (const batch of parse) {
      throwIfAborted(context.signal);
      collect(await writes.settle());
      // Once the file is known to be bad nothing more is written, but reading on completes the report.
      if (parse.problemCount > 0 || importProblems.count > 0) continue;
      const sheet = parse.sheet ?? SHEET_NAME_BY_KIND[file.kind];
      writes.begin(() => writer.write(batch, sheet));
    }
    collect(await writes.settle());
    throwIfAborted(context.signal);
    const problemCount = parse.problemCount + importProblems.count;
    const report =
      problemCount > 0
        ? buildErrorReport(
            [
              { problems: parse.problems, count: parse.problemCount },
              { problems: importProblems.problems, count: importProblems.count },
            ],
            parse.sheetChoice,
          )
        : null;
    return { rowsRead: parse.dataRowCount, rowsImported, report };
  }

  /**
   * Content the department already imported. Under the same path it is the same file uploaded
   * again: its entry is marked seen with the new listing, so the next run need not download it.
   * Under another path it is a copy: one skipped entry stands for it, marked seen thereafter.
   */
  private async known(
    file: DownloadedDayFile,
    sha256: string,
    startedAt: Date,
    context: FileImportContext,
    imported: { id: number; fileName: string; remotePath: string },
  ): Promise<FileImportOutcome> {
    const entry =
      imported.remotePath === file.path
        ? imported
        : await this.ledger.findSkipped(context.departmentId, file.path, sha256);
    if (!entry) {
      return this.skip(
        file,
        sha256,
        startedAt,
        context,
        `same content as ${imported.fileName}, imported as ledger entry ${imported.id}`,
      );
    }
    await this.ledger.markSeen([entry.id], startedAt, {
      sizeBytes: file.size,
      remoteModifiedAt: file.modifiedAt,
    });
    const message = `same content as ledger entry ${entry.id}`;
    context.logger.log(`Unchanged ${file.name}: ${message}`);
    return {
      fileName: file.name,
      status: 'unchanged',
      ledgerId: entry.id,
      rowsImported: 0,
      rowsRemoved: 0,
      problemCount: 0,
      message,
    };
  }

  private async skip(
    file: DownloadedDayFile,
    sha256: string,
    startedAt: Date,
    context: FileImportContext,
    reason: string,
  ): Promise<FileImportOutcome> {
    const ledgerId = await this.ledger.record({
      departmentId: context.departmentId,
      runId: context.runId,
      file,
      sha256,
      status: 'skipped',
      errorMessage: reason,
      startedAt,
      finishedAt: this.clock.now(),
    });
    context.logger.log(`Skipped ${file.name}: ${reason}`);
    return {
      fileName: file.name,
      status: 'skipped',
      ledgerId,
      rowsImported: 0,
      rowsRemoved: 0,
      problemCount: 0,
      message: reason,
    };
  }

  private async fail(
    file: DownloadedDayFile,
    sha256: string,
    startedAt: Date,
    context: FileImportContext,
    written: { rowsRead: number },
    report: ErrorReport | null,
    error?: string,
  ): Promise<FileImportOutcome> {
    const message = report
      ? describeErrorReport(file.name, report)
      : `${file.name} failed: ${error ?? 'unknown error'}`;
    const ledgerId = await this.ledger.record({
      departmentId: context.departmentId,
      runId: context.runId,
      file,
      sha256,
      status: 'failed',
      rowsRead: written.rowsRead,
      errorMessage: message,
      errorReport: report,
      startedAt,
      finishedAt: this.clock.now(),
    });
    context.logger.warn(message);
    return {
      fileName: file.name,
      status: 'failed',
      ledgerId,
      rowsImported: 0,
      rowsRemoved: 0,
      problemCount: report?.problem_count ?? 0,
      message,
    };
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function seconds(from: Date, to: Date): string {
  return ((to.getTime() - from.getTime()) / 1000).toFixed(2);
}
