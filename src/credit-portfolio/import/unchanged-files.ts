import { RemoteDayFile } from './day-files';

/** What the ledger remembers of a file as the server listed it. */
export interface ListedEntry {
  id: number;
  remotePath: string;
  sizeBytes: number;
  remoteModifiedAt: Date | null;
}

export interface UnchangedDayFile extends RemoteDayFile {
  /** The ledger entry that already stands for the file. */
  ledgerId: number;
}

export interface ListingComparison {
  /** Not known as listed: to be downloaded. */
  changed: RemoteDayFile[];
  unchanged: UnchangedDayFile[];
}

/**
 * A file is unchanged when the newest ledger entry that stood for it (imported, superseded or
 * skipped; a failed file is always tried again) has the size and the
 * modification time the server lists now. Without a modification time (a server that does not
 * answer MDTM) nothing can be told from the listing, and the file is downloaded and hashed.
 * `entries` come newest first.
 */
export function compareWithLedger(
  files: readonly RemoteDayFile[],
  entries: readonly ListedEntry[],
): ListingComparison {
  const newestByPath = new Map<string, ListedEntry>();
  for (const entry of entries) {
    if (!newestByPath.has(entry.remotePath)) newestByPath.set(entry.remotePath, entry);
  }
  const changed: RemoteDayFile[] = [];
  const unchanged: UnchangedDayFile[] = [];
  for (const file of files) {
    const entry = newestByPath.get(file.path);
    if (entry && sameListing(file, entry)) unchanged.push({ ...file, ledgerId: entry.id });
    else changed.push(file);
  }
  return { changed, unchanged };
}

function sameListing(file: RemoteDayFile, entry: ListedEntry): boolean {
  return (
    file.modifiedAt !== null &&
    entry.remoteModifiedAt !== null &&
    file.modifiedAt.getTime() === entry.remoteModifiedAt.getTime() &&
    file.size === entry.sizeBytes
  );
}
