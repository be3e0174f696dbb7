import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

type Chunk = Buffer | Uint8Array | string;

// The WorkbookReader methods that receive the raw XML of each zip entry (exceljs 4.4.0).
interface EntryParsers {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs's streaming reader with UTF-8 decoded across chunk boundaries.
 *
 * exceljs 4.4.0 decodes every chunk of XML on its own, so a character whose bytes straddle two
 * chunks becomes "��" (exceljs issues #2063, #2084, #2316). Cyrillic letters take two bytes, so
 * names and purposes in a large export get damaged silently. The fix hands exceljs's XML parser
 * text instead of bytes: `setEncoding` for entries parsed whole, a streaming decoder for sheets.
 */
export async function createWorkbookReader(
  path: string,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  // Loaded on first use: exceljs is about 7.5 MB of heap that an instance which imports nothing
  // (or only schedules) would carry for its whole life.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(path, options);
  const parsers = reader as unknown as EntryParsers;
  for (const method of ['_parseRels', '_parseWorkbook', '_parseStyles'] as const) {
    const original = parsers[method].bind(reader);
    parsers[method] = (entry) => original(entry.setEncoding('utf8'));
  }
  const parseSharedStrings = parsers._parseSharedStrings.bind(reader);
  parsers._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  const parseWorksheet = parsers._parseWorksheet.bind(reader);
  parsers._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decodeUtf8(iterator), sheetNo);
  return reader;
}

export async function* decodeUtf8(chunks: AsyncIterable<Chunk>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > 0) {
      yield text;
    }
  }
  const rest = decoder.decode();
  if (rest.length > 0) {
    yield rest;
  }
}
