import { LoggerService } from '@nestjs/common';
import {
  FtpConnectionSettings,
  FtpPermanentError,
  FtpSession,
  RemoteFile,
  TempDirectory,
} from '../../infra/ftp';
import { RemoteDayFile, selectDayFiles } from './day-files';
import { ListingComparison, UnchangedDayFile } from './unchanged-files';

export interface DownloadedDayFile extends RemoteDayFile {
  localPath: string;
}

export interface FailedDownload {
  file: RemoteDayFile;
  reason: string;
}

export interface DirectoryDownload {
  /** In import order. */
  files: DownloadedDayFile[];
  failed: FailedDownload[];
  /** Listed as the ledger knows them: not downloaded. */
  unchanged: UnchangedDayFile[];
  unrecognized: RemoteFile[];
}

export interface DownloadOptions {
  signal?: AbortSignal;
  logger: LoggerService;
  /** Tells which listed files are unchanged since the ledger saw them; by default none are. */
  compareListing?: (files: readonly RemoteDayFile[]) => Promise<ListingComparison>;
  /** Injectable for tests. */
  openSession?: typeof FtpSession.open;
}

/**
 * Lists `directory` and downloads every day workbook that may have changed into `target` over one
 * connection, which is closed before anything is imported. A file the server refuses (e.g. it vanished) is reported
 * and the others still download; an unreachable server throws FtpUnavailableError.
 */
export async function downloadDayFiles(
  settings: FtpConnectionSettings,
  directory: string,
  target: TempDirectory,
  options: DownloadOptions,
): Promise<DirectoryDownload> {
  const openSession = options.openSession ?? FtpSession.open.bind(FtpSession);
  const session = await openSession(settings, { signal: options.signal, logger: options.logger });
  try {
    const { importable, unrecognized } = selectDayFiles(await session.list(directory));
    for (const file of unrecognized) {
      options.logger.warn(
        `Ignoring ${file.path}: not a receipts/expenses/expense_details day file`,
      );
    }
    const { changed, unchanged } = options.compareListing
      ? await options.compareListing(importable)
      : { changed: importable, unchanged: [] };
    const files: DownloadedDayFile[] = [];
    const failed: FailedDownload[] = [];
    for (const file of changed) {
      const localPath = target.fileFor(file.name);
      try {
        await session.download(file.path, localPath);
        files.push({ ...file, localPath });
      } catch (error) {
        if (!(error instanceof FtpPermanentError)) throw error;
        options.logger.warn(error.message);
        failed.push({ file, reason: error.message });
      }
    }
    return { files, failed, unchanged, unrecognized };
  } finally {
    session.close();
  }
}
