import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Transform, TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;
const SIZE_UNKNOWN_FLAG = 0x08;
const STORED = 0;
const DEFLATED = 8;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Checks that every entry of an XLSX (zip) file is complete and matches its CRC, and that a
 * streaming reader can find where each entry ends. Returns what is wrong, or null.
 *
 * Why: exceljs's streaming reader never settles when the zip stream fails after the first
 * entries (unzipper emits the error on a stream nobody listens to), so damaged files must be
 * caught before streaming them.
 */
export async function findZipDefect(path: string): Promise<string | null> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    const entries = await readCentralDirectory(file, size);
    if (typeof entries === 'string') {
      return entries;
    }
    for (const entry of entries) {
      const defect = await checkEntry(file, path, entry).catch((error: Error) => error.message);
      if (defect) {
        return `${entry.name} is damaged: ${defect}`;
      }
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await file?.close();
  }
}

async function readCentralDirectory(file: FileHandle, size: number): Promise<ZipEntry[] | string> {
  if (size < END_RECORD_SIZE) {
    return 'the file is too short to be an xlsx workbook';
  }
  const tailLength = Math.min(size, END_RECORD_SIZE + MAX_COMMENT_SIZE);
  const tail = await readAt(file, size - tailLength, tailLength);
  let endRecord = -1;
  for (let offset = tail.length - END_RECORD_SIZE; offset >= 0; offset--) {
    if (tail.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      endRecord = offset;
      break;
    }
  }
  if (endRecord < 0) {
    return 'no zip directory found: the file is truncated or not an xlsx workbook';
  }
  const entryCount = tail.readUInt16LE(endRecord + 10);
  const directorySize = tail.readUInt32LE(endRecord + 12);
  const directoryOffset = tail.readUInt32LE(endRecord + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) {
    return 'ZIP64 workbooks are not supported';
  }
  if (directoryOffset + directorySize > size - tailLength + endRecord) {
    return 'the zip directory points outside the file';
  }
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let index = 0; index < entryCount; index++) {
    if (
      offset + 46 > directory.length ||
      directory.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY
    ) {
      return 'the zip directory is damaged';
    }
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    entries.push({
      flags: directory.readUInt16LE(offset + 8),
      method: directory.readUInt16LE(offset + 10),
      crc: directory.readUInt32LE(offset + 16),
      compressedSize: directory.readUInt32LE(offset + 20),
      uncompressedSize: directory.readUInt32LE(offset + 24),
      localHeaderOffset: directory.readUInt32LE(offset + 42),
      name: directory.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function checkEntry(file: FileHandle, path: string, entry: ZipEntry): Promise<string | null> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_FILE_HEADER) {
    return 'bad local header';
  }
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    return `unsupported compression method ${entry.method}`;
  }
  const dataStart =
    entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const localSizeUnknown =
    (header.readUInt16LE(6) & SIZE_UNKNOWN_FLAG) !== 0 && header.readUInt32LE(18) === 0;
  const check = new EntryCheck(localSizeUnknown);
  if (entry.compressedSize > 0) {
    const compressed = createReadStream(path, {
      start: dataStart,
      end: dataStart + entry.compressedSize - 1,
    });
    const stages =
      entry.method === DEFLATED
        ? [compressed, check.compressedSide(), createInflateRaw(), check.uncompressedSide()]
        : [compressed, check.compressedSide(), check.uncompressedSide()];
    await pipeline(stages);
  }
  if (check.compressedBytes !== entry.compressedSize) {
    return 'truncated';
  }
  if (check.descriptorInsideData) {
    return 'a zip record marker occurs inside its data, so it cannot be streamed';
  }
  if (check.uncompressedBytes !== entry.uncompressedSize || check.crc !== entry.crc) {
    return 'CRC mismatch';
  }
  return null;
}

/** Counts the bytes on both sides of the inflater and the CRC of its output. */
class EntryCheck {
  compressedBytes = 0;
  uncompressedBytes = 0;
  crc = 0;
  descriptorInsideData = false;
  private previousTail = Buffer.alloc(0);

  // When the local header gives no size, a streaming reader finds the end of the entry by
  // scanning for the data-descriptor marker, so the marker must not occur inside the data.
  constructor(private readonly scanForDescriptor: boolean) {}

  compressedSide(): Transform {
    return passThrough((chunk) => {
      this.compressedBytes += chunk.length;
      if (this.scanForDescriptor && !this.descriptorInsideData) {
        const window = Buffer.concat([this.previousTail, chunk]);
        this.descriptorInsideData = window.indexOf(DATA_DESCRIPTOR) >= 0;
        this.previousTail = window.subarray(Math.max(0, window.length - 3));
      }
    });
  }

  uncompressedSide(): Writable {
    return new Writable({
      write: (
        chunk: Buffer,
        _encoding: BufferEncoding,
        callback: (error?: Error | null) => void,
      ) => {
        this.uncompressedBytes += chunk.length;
        this.crc = crc32(chunk, this.crc);
        callback();
      },
    });
  }
}

function passThrough(observe: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      observe(chunk);
      callback(null, chunk);
    },
  });
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
