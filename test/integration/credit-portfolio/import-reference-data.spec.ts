import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  CreditContractEntity,
  CreditReceiptEntity,
  OrganizationEntity,
  OrgBankAccountEntity,
} from '../../../src/credit-portfolio/entities';
import { ErrorReport } from '../../../src/credit-portfolio/import/error-report';
import { TestApp } from '../../utils/test-app';
import {
  ExportsFtp,
  ledgerOfRun,
  runImport,
  startImportApp,
  tableCounts,
} from '../../kits/credit-portfolio-kit';
import {
  companyInn,
  HandmadeReceipt,
  writeExpenseDetails,
  writeExpenses,
  writeReceipts,
} from '../../fixtures/credit-portfolio/handmade-workbooks';

const ALPHA = { organization: 'ООО «Альфа»', inn: companyInn('770100001') };
const BETA = { organization: 'ООО «Бета»', inn: companyInn('770100002') };
const ACCOUNT_A = '40702810000000000001';
const ACCOUNT_B = '40702810000000000002';
const SBER = { bank: 'ПАО Сбербанк', bic: '044525225' };

const receipt = (overrides: Partial<HandmadeReceipt>): HandmadeReceipt => ({
  date: '2026-03-02',
  ...ALPHA,
  ...SBER,
  account: ACCOUNT_A,
  contract: 'КД-1',
  contractDate: '2025-06-01',
  amount: '1 000 000,00',
  ...overrides,
});

describe('credit-portfolio reference data and natural keys', () => {
  let ftp: ExportsFtp;
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    ftp = await ExportsFtp.start();
    t = await startImportApp(ftp.env());
    dataSource = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
    await ftp?.stop();
  });

  afterEach(() => ftp.clear());

  it('creates an account from an expense without БИК and completes it from a later receipt', async () => {
    await writeExpenses(ftp.exportDir, 'expenses_2026-03-01.xlsx', [
      {
        date: '2026-03-01',
        ...ALPHA,
        account: ACCOUNT_A,
        contract: 'КД-1',
        paymentNo: 'P-1',
        amount: '1000,00',
        kind: 'Проценты',
      },
    ]);
    await writeReceipts(ftp.exportDir, 'receipts_2026-03-02.xlsx', [receipt({})]);
    const run = await runImport(t);
    expect(run.status).toBe('completed');

    const organizations = await dataSource.getRepository(OrganizationEntity).find();
    expect(organizations).toMatchObject([
      { departmentId: 8, inn: ALPHA.inn, name: ALPHA.organization },
    ]);
    const [account] = await dataSource.getRepository(OrgBankAccountEntity).find();
    expect(account).toMatchObject({
      departmentId: 8,
      organizationId: organizations[0].id,
      accountNumber: ACCOUNT_A,
      bic: SBER.bic,
      bankName: SBER.bank,
    });
    const [contract] = await dataSource.getRepository(CreditContractEntity).find();
    expect(contract).toMatchObject({ contractNumber: 'КД-1', contractDate: '2025-06-01' });
  });

  it('updates a receipt in place when a corrected file for the same day arrives', async () => {
    await writeReceipts(ftp.exportDir, 'receipts_2026-03-02.xlsx', [
      receipt({}),
      receipt({ amount: '250 000,50' }),
    ]);
    await runImport(t);
    const path = join(ftp.exportDir, 'receipts_2026-03-02.xlsx');
    await unlink(path);
    await writeReceipts(ftp.exportDir, 'receipts_2026-03-02.xlsx', [
      receipt({}),
      receipt({ amount: '250 000,75' }),
    ]);
    const before = await tableCounts(t);
    const run = await runImport(t);
    expect((await ledgerOfRun(t, run.id)).map((entry) => entry.status)).toEqual(['imported']);
    expect(await tableCounts(t)).toEqual(before);
    const receipts = await dataSource
      .getRepository(CreditReceiptEntity)
      .find({ where: { receiptDate: '2026-03-02' }, order: { seq: 'ASC' } });
    expect(receipts.map((row) => [row.seq, Number(row.amount)])).toEqual([
      [1, 1_000_000],
      [2, 250_000.75],
    ]);
  });

  it('rejects a row that ties a known account to another organization or bank', async () => {
    await writeReceipts(ftp.exportDir, 'receipts_2026-03-03.xlsx', [
      receipt({ date: '2026-03-03', ...BETA, account: ACCOUNT_B }),
      receipt({ date: '2026-03-03', ...BETA, account: ACCOUNT_A }),
      receipt({ date: '2026-03-03', account: ACCOUNT_A, bic: '044525187', bank: 'Банк ВТБ (ПАО)' }),
    ]);
    const run = await runImport(t);
    const [entry] = await ledgerOfRun(t, run.id);
    expect(entry.status).toBe('failed');
    expect((entry.errorReport as ErrorReport).problems).toEqual([
      {
        sheet: 'Поступления',
        row: 3,
        column: 'Расчетный счет',
        message: `Расчетный счет ${ACCOUNT_A} belongs to the organization with ИНН ${ALPHA.inn}, not ${BETA.inn}`,
        code: 'invalid_value',
      },
      {
        sheet: 'Поступления',
        row: 4,
        column: 'БИК',
        message: `БИК 044525187 differs from БИК ${SBER.bic} recorded for Расчетный счет ${ACCOUNT_A}`,
        code: 'invalid_value',
      },
    ]);
    const beta = await dataSource.getRepository(OrganizationEntity).findOneBy({ inn: BETA.inn });
    expect(beta).toBeNull();
  });

  it('rejects an expenses file that repeats a payment number of a contract', async () => {
    const expense = {
      date: '2026-03-04',
      ...ALPHA,
      account: ACCOUNT_A,
      contract: 'КД-1',
      amount: '10,00',
      kind: 'Комиссия' as const,
    };
    await writeExpenses(ftp.exportDir, 'expenses_2026-03-04.xlsx', [
      { ...expense, paymentNo: 'P-7' },
      { ...expense, paymentNo: 'P-8' },
      { ...expense, paymentNo: 'P-7' },
    ]);
    const run = await runImport(t);
    const [entry] = await ledgerOfRun(t, run.id);
    expect((entry.errorReport as ErrorReport).problems).toEqual([
      {
        sheet: 'Списания',
        row: 4,
        column: 'Номер платежа',
        message: 'Номер платежа P-7 of Договор КД-1 already appears in row 2',
        code: 'invalid_value',
      },
    ]);
  });

  it('catches a payment number repeated in a later batch', async () => {
    const expense = (index: number) => ({
      date: '2026-03-05',
      ...ALPHA,
      account: ACCOUNT_A,
      contract: 'КД-1',
      paymentNo: `Q-${index}`,
      amount: '1,00',
      kind: 'Проценты' as const,
    });
    const rows = Array.from({ length: 1100 }, (_, index) => expense(index));
    rows[1049] = expense(0);
    await writeExpenses(ftp.exportDir, 'expenses_2026-03-05.xlsx', rows);
    const run = await runImport(t);
    const [entry] = await ledgerOfRun(t, run.id);
    expect(entry.status).toBe('failed');
    expect((entry.errorReport as ErrorReport).problems).toEqual([
      {
        sheet: 'Списания',
        row: 1051,
        column: 'Номер платежа',
        message: 'Номер платежа Q-0 of Договор КД-1 already appears in row 2',
        code: 'invalid_value',
      },
    ]);
  });

  it('rejects a second breakdown of the same expense', async () => {
    await writeExpenses(ftp.exportDir, 'expenses_2026-03-06.xlsx', [
      {
        date: '2026-03-06',
        ...ALPHA,
        account: ACCOUNT_A,
        contract: 'КД-1',
        paymentNo: 'D-1',
        amount: '150,00',
        kind: 'Основной долг',
      },
    ]);
    const detail = {
      paymentNo: 'D-1',
      date: '2026-03-06',
      contract: 'КД-1',
      principal: '100,00',
      interest: '50,00',
      fee: '0',
      total: '150,00',
    };
    await writeExpenseDetails(ftp.exportDir, 'expense_details_2026-03-06.xlsx', [detail, detail]);
    const run = await runImport(t);
    const [expenses, details] = await ledgerOfRun(t, run.id);
    expect(expenses.status).toBe('imported');
    expect((details.errorReport as ErrorReport).problems).toEqual([
      {
        sheet: 'Расшифровка',
        row: 3,
        column: 'Номер платежа',
        message: 'Номер платежа D-1 of Договор КД-1 already appears in row 2',
        code: 'invalid_value',
      },
    ]);
  });
});
