import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { decodeUtf8 } from './exceljs-reader';
import { parseWorkbookFully } from './workbook-parser';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) {
    text += chunk;
  }
  return text;
}

async function* split(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}

describe('decodeUtf8', () => {
  it('keeps characters whose bytes are split between chunks', async () => {
    const text = 'Организация «Ёлка»\u00a0— 1\u00a0234,56 ₽';
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await collect(decodeUtf8(split(Buffer.from(text), size)))).toBe(text);
    }
  });
});

describe('createWorkbookReader', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'credit-portfolio-utf8-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  const rows = 3000;
  const purposeOf = (index: number) =>
    `Погашение задолженности по договору №${index} — проценты за январь, НДС не облагается`;

  async function writeCyrillicWorkbook(useSharedStrings: boolean): Promise<string> {
    const path = join(workDir, `cyrillic-${useSharedStrings ? 'shared' : 'inline'}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
    const sheet = workbook.addWorksheet('Списания');
    sheet
      .addRow([
        'Дата',
        'Организация',
        'ИНН',
        'Расчетный счет',
        'Договор',
        'Номер платежа',
        'Сумма',
        'Вид платежа',
        'Назначение платежа',
      ])
      .commit();
    for (let index = 0; index < rows; index++) {
      sheet
        .addRow([
          '15.01.2026',
          `ООО «Предприятие ${index}»`,
          '7707083893',
          '40702810400000001234',
          `КД-${index}`,
          String(index),
          '1\u00a0000,00',
          'Проценты',
          purposeOf(index),
        ])
        .commit();
    }
    sheet.commit();
    await workbook.commit();
    return path;
  }

  // Large enough that many chunk boundaries fall inside two-byte Cyrillic letters.
  it.each([true, false])(
    'reads long Cyrillic text intact (shared strings: %p)',
    async (useSharedStrings) => {
      const parsed = await parseWorkbookFully(
        await writeCyrillicWorkbook(useSharedStrings),
        'expenses',
      );
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toHaveLength(rows);
      parsed.rows.forEach((row, index) => {
        expect(row.purpose).toBe(purposeOf(index));
        expect(row.organization).toBe(`ООО «Предприятие ${index}»`);
        expect(row.amount).toBe('1000');
      });
    },
  );
});
