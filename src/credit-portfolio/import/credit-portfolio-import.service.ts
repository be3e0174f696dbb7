import { Injectable, LoggerService } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { creditPortfolioConfig } from '../credit-portfolio.config';
import { SecretCipher } from '../../core/crypto/secret-cipher';
import { Clock } from '../../core/scheduling/clock';
import type { ItemOutcome, RunItemReporter } from '../../core/scheduling/run-items';
import { RunTrigger } from '../../core/scheduling/scheduling.types';
import { TempDirectory } from '../../infra/ftp';
import { DepartmentEntity } from '../entities';
import { AnalyticsCache } from '../summary/analytics-cache';
import { FileImportOutcome, CreditPortfolioFileImporter } from './file-importer.service';
import { RemoteDayFile } from './day-files';
import { buildFtpConnectionSettings } from './ftp-settings';
import { downloadDayFiles } from './ftp-download';
import { ImportLedger } from './import-ledger.service';
import { describeRun, ImportRunStats, runStats } from './import-run-stats';
import { compareWithLedger, ListingComparison } from './unchanged-files';

export interface ImportRunContext {
  runId: string | null;
  trigger: RunTrigger;
  logger: LoggerService;
  signal?: AbortSignal;
  /** Gets each day file as an item of the run: total, the one being imported, outcomes. */
  items?: RunItemReporter;
}

export type ImportRunResult =
  | { outcome: 'not_configured'; message: string }
  | { outcome: 'finished'; stats: ImportRunStats; message: string };

/**
 * One import run of the scheduled task: list the directory, mark the day files the ledger knows
 * as listed seen, download the others over one FTP connection, import them oldest day first
 * (receipts → expenses → expense details), then invalidate the analytics cache if anything was
 * imported. One bad file never stops the others.
 */
@Injectable()
export class CreditPortfolioImportService {
  constructor(
    private readonly config: AppConfig,
    private readonly cipher: SecretCipher,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: CreditPortfolioFileImporter,
    private readonly ledger: ImportLedger,
    private readonly cache: AnalyticsCache,
    private readonly clock: Clock,
  ) {}

  async run(context: ImportRunContext): Promise<ImportRunResult> {
    const { logger } = context;
    const settings = this.config.get(creditPortfolioConfig);
    const ftp = await buildFtpConnectionSettings(settings.ftp, this.cipher);
    if (!ftp) {
      const message = 'CREDIT_PORTFOLIO_FTP_HOST is not set: nothing to import';
      // The boot already warned once (the job's missingSettings); the run's ledger row says it too.
      logger.debug?.(message);
      return { outcome: 'not_configured', message };
    }
    const department = await this.department(settings.departmentId);
    const startedAt = this.clock.now();
    logger.log(
      `Starting ${context.trigger === 'manual' ? 'manual' : 'scheduled'} credit portfolio import`,
    );
    const downloads = await TempDirectory.create('finsync-credit-portfolio');
    try {
      logger.log('Downloading files from FTP...');
      const download = await downloadDayFiles(ftp, settings.ftp.directory, downloads, {
        signal: context.signal,
        logger,
        compareListing: (files) => this.compareListing(department.id, files),
      });
      await this.ledger.markSeen(
        download.unchanged.map((file) => file.ledgerId),
        startedAt,
      );
      logger.log(`Downloaded ${download.files.length} files from FTP`);
      if (download.unchanged.length > 0) {
        logger.log(`${download.unchanged.length} files unchanged since they were last seen`);
      }
      logger.log(
        `Importing credit portfolio for ${department.name} department (ID=${department.id})`,
      );

      const { items } = context;
      items?.setTotal(download.unchanged.length + download.failed.length + download.files.length);
      for (const unchanged of download.unchanged) items?.finished(unchanged.name, 'skipped');
      const outcomes: FileImportOutcome[] = [];
      for (const failed of download.failed) {
        const outcome = await this.recordFailedDownload(
          failed.file,
          failed.reason,
          context,
          department.id,
        );
        outcomes.push(outcome);
        reportFile(items, outcome);
      }
      await this.cache.whileImporting(async () => {
        for (const file of download.files) {
          items?.working(file.name);
          const outcome = await this.importer.importFile(file, {
            departmentId: department.id,
            runId: context.runId,
            logger,
            signal: context.signal,
          });
          outcomes.push(outcome);
          reportFile(items, outcome);
        }
      });
      const stats = runStats(
        department.id,
        download,
        outcomes,
        this.clock.now().getTime() - startedAt.getTime(),
      );
      if (stats.files_imported > 0) {
        await this.cache.invalidateAll();
        logger.log(`Invalidated analytics cache after importing ${stats.files_imported} files`);
      }
      const message = describeRun(stats);
      if (stats.files_failed > 0) logger.warn(`Scheduled import completed: ${message}`);
      else logger.log(`Scheduled import completed: ${message}`);
      return { outcome: 'finished', message, stats };
    } finally {
      await downloads.remove();
    }
  }

  private async compareListing(
    departmentId: number,
    files: readonly RemoteDayFile[],
  ): Promise<ListingComparison> {
    const entries = await this.ledger.findCurrent(
      departmentId,
      files.map((file) => file.date),
    );
    return compareWithLedger(files, entries);
  }

  private async department(id: number): Promise<DepartmentEntity> {
    const department = await this.dataSource.getRepository(DepartmentEntity).findOneBy({ id });
    if (!department) {
      throw new Error(
        `CREDIT_PORTFOLIO_DEPARTMENT_ID=${id} names no department: create it or fix the setting`,
      );
    }
    return department;
  }

  private async recordFailedDownload(
    file: RemoteDayFile,
    reason: string,
    context: ImportRunContext,
    departmentId: number,
  ): Promise<FileImportOutcome> {
    const now = this.clock.now();
    const ledgerId = await this.ledger.record({
      departmentId,
      runId: context.runId,
      file,
      sha256: null,
      status: 'failed',
      errorMessage: reason,
      startedAt: now,
      finishedAt: now,
    });
    return {
      fileName: file.name,
      status: 'failed',
      ledgerId,
      rowsImported: 0,
      rowsRemoved: 0,
      problemCount: 0,
      message: reason,
    };
  }
}

/**
 * A day file as an item of the run. A failed file is not retried by the run's next attempt: a
 * rejected workbook stays rejected until it is replaced on the server (a new file, which the next
 * scheduled import picks up), and a download already had its own retries.
 */
function reportFile(items: RunItemReporter | undefined, outcome: FileImportOutcome): void {
  if (!items) return;
  const result: ItemOutcome =
    outcome.status === 'failed'
      ? 'failed'
      : outcome.status === 'imported'
        ? 'succeeded'
        : 'skipped';
  items.finished(outcome.fileName, result, { retryable: false });
}
