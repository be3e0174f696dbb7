import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corruptBytes } from '../../../test/fixtures/credit-portfolio/broken-workbooks';
import { writeDayWorkbook } from '../../../test/fixtures/credit-portfolio/generate-workbooks';
import { findZipDefect } from './zip-integrity';

describe('findZipDefect', () => {
  let workDir: string;
  let valid: Buffer;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'credit-portfolio-zip-'));
    const written = await writeDayWorkbook('receipts', {
      outDir: workDir,
      date: '2026-01-15',
      rows: 200,
    });
    valid = await readFile(written.path);
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  async function defectOf(bytes: Buffer): Promise<string | null> {
    const path = join(workDir, 'candidate.xlsx');
    await writeFile(path, bytes);
    return findZipDefect(path);
  }

  it('accepts an intact workbook', async () => {
    expect(await defectOf(valid)).toBeNull();
  });

  it('notices a cut-off file', async () => {
    expect(await defectOf(corruptBytes(valid, 'truncated', 1))).toMatch(/truncated or not an xlsx/);
  });

  it('notices damaged bytes inside an entry', async () => {
    expect(await defectOf(corruptBytes(valid, 'garbled', 1))).toMatch(/is damaged/);
  });

  it('rejects empty files and other formats', async () => {
    expect(await defectOf(Buffer.alloc(0))).toMatch(/too short/);
    expect(await defectOf(Buffer.from('Дата;Сумма\n15.01.2026;100,00\n'))).toMatch(/not an xlsx/);
  });

  it('reports a missing file', async () => {
    expect(await findZipDefect(join(workDir, 'absent.xlsx'))).toMatch(/ENOENT/);
  });
});
