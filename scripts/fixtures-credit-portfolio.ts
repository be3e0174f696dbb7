/**
 * Writes credit-portfolio test workbooks (receipts, expenses, expense details per day).
 *
 *   ts-node scripts/fixtures-credit-portfolio.ts --days 3 --rows 1000 --out dir
 *     [--start 2026-01-15] [--seed 20260115] [--kinds receipts,expenses,expense_details]
 */
import { parseArgs } from 'node:util';
import { FileKind } from '../src/credit-portfolio/parsing/types';
import {
  DEFAULT_SEED,
  DEFAULT_START_DATE,
  FILE_KINDS,
  GeneratedWorkbook,
  addDays,
  writeDayWorkbook,
} from '../test/fixtures/credit-portfolio/generate-workbooks';

interface CliOptions {
  days: number;
  rows: number;
  outDir: string;
  startDate: string;
  seed: number;
  kinds: FileKind[];
}

const USAGE =
  'usage: ts-node scripts/fixtures-credit-portfolio.ts --days N --rows N --out DIR ' +
  '[--start YYYY-MM-DD] [--seed N] [--kinds receipts,expenses,expense_details]';

function readOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: 'string', default: '1' },
      rows: { type: 'string', default: '100' },
      out: { type: 'string' },
      start: { type: 'string', default: DEFAULT_START_DATE },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      kinds: { type: 'string', default: FILE_KINDS.join(',') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    throw new Error(USAGE);
  }
  const kinds = values.kinds.split(',').map((kind) => kind.trim());
  const unknownKind = kinds.find((kind) => !FILE_KINDS.includes(kind as FileKind));
  if (unknownKind) {
    throw new Error(`unknown kind "${unknownKind}"\n${USAGE}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start)) {
    throw new Error(`--start must be YYYY-MM-DD\n${USAGE}`);
  }
  return {
    days: positiveInteger('--days', values.days),
    rows: positiveInteger('--rows', values.rows),
    outDir: values.out,
    startDate: values.start,
    seed: positiveInteger('--seed', values.seed),
    kinds: kinds as FileKind[],
  };
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${text}"\n${USAGE}`);
  }
  return value;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const written: GeneratedWorkbook[] = [];
  for (let day = 0; day < options.days; day++) {
    for (const kind of options.kinds) {
      const workbook = await writeDayWorkbook(kind, {
        outDir: options.outDir,
        date: addDays(options.startDate, day),
        rows: options.rows,
        seed: options.seed,
      });
      written.push(workbook);
      console.log(`${workbook.path}  rows=${workbook.rows}  total=${workbook.totalAmount}`);
    }
  }
  console.log(`${written.length} workbook(s) written to ${options.outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
