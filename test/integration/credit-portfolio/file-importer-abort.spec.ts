import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CreditImportFileEntity } from '../../../src/credit-portfolio/entities';
import { CreditPortfolioFileImporter } from '../../../src/credit-portfolio/import/file-importer.service';
import { writeDayWorkbook } from '../../fixtures/credit-portfolio/generate-workbooks';
import { TestApp } from '../../utils/test-app';
import { startImportApp, tableCounts } from '../../kits/credit-portfolio-kit';

describe('CreditPortfolioFileImporter when its run is aborted', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startImportApp({});
    dir = await mkdtemp(join(tmpdir(), 'credit-portfolio-abort-'));
  });

  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rolls the file back, records it failed and rethrows the abort reason', async () => {
    const workbook = await writeDayWorkbook('expenses', {
      outDir: dir,
      date: '2026-04-01',
      rows: 20_000,
    });
    const controller = new AbortController();
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const importer = t.app.get(CreditPortfolioFileImporter);
    const attempt = importer.importFile(
      {
        name: 'expenses_2026-04-01.xlsx',
        path: '/exports/expenses_2026-04-01.xlsx',
        size: statSync(workbook.path).size,
        modifiedAt: null,
        kind: 'expenses',
        date: '2026-04-01',
        localPath: workbook.path,
      },
      {
        departmentId: 8,
        runId: null,
        logger,
        signal: controller.signal,
        batchSize: 500,
      },
    );
    // 20,000 rows take well over a second: abort while batches are being written.
    setTimeout(() => controller.abort(new Error('Run exceeded its 7200s timeout')), 150);
    await expect(attempt).rejects.toThrow('Run exceeded its 7200s timeout');
    const dataSource = t.app.get(DataSource);

    expect((await tableCounts(t)).credit_expenses).toBe(0);
    const [entry] = await dataSource.getRepository(CreditImportFileEntity).find();
    expect(entry).toMatchObject({
      status: 'failed',
      importedSha256: null,
      errorMessage: 'expenses_2026-04-01.xlsx failed: Run exceeded its 7200s timeout',
    });
  });
});
