import { PortfolioFigures } from './portfolio-figures';
import { summarizePortfolio } from './portfolio-summary';

const figures: PortfolioFigures = {
  organizations: [
    { id: 1, inn: '7701000019', name: 'ООО «Альфа»' },
    { id: 2, inn: '7701000027', name: 'ООО «Бета»' },
  ],
  contracts: [
    { id: 10, number: 'КД-1', date: '2025-06-01', organizationId: 1 },
    { id: 11, number: 'КД-2', date: null, organizationId: 1 },
    { id: 20, number: 'КД-1', date: null, organizationId: 2 },
  ],
  accounts: [
    { id: 100, bic: '044525225', bankName: 'ПАО Сбербанк' },
    { id: 101, bic: '044525225', bankName: 'ПАО Сбербанк' },
    { id: 200, bic: null, bankName: null },
  ],
  receipts: [
    {
      contractId: 10,
      accountId: 100,
      currency: 'RUB',
      count: 2,
      received: 1_000_000_0000n,
      lastDate: '2026-01-15',
    },
    {
      contractId: 11,
      accountId: 101,
      currency: 'RUB',
      count: 1,
      received: 500_000_0000n,
      lastDate: '2026-01-16',
    },
    {
      contractId: 20,
      accountId: 200,
      currency: 'USD',
      count: 1,
      received: 10_000_0000n,
      lastDate: '2026-01-14',
    },
  ],
  expenses: [
    {
      contractId: 10,
      accountId: 100,
      currency: 'RUB',
      count: 3,
      detailCount: 2,
      principal: 250_000_1234n,
      interest: 12_345_6700n,
      fee: 1_0000n,
      total: 262_346_7934n,
      lastDate: '2026-01-17',
    },
  ],
  importedFiles: 6,
  lastImportAt: new Date('2026-01-18T03:00:04.512Z'),
};

describe('summarizePortfolio', () => {
  const summary = summarizePortfolio(
    { id: 8, name: 'Finance' },
    figures,
    new Date('2026-01-18T07:00:00Z'),
  );

  it('totals per currency, with outstanding principal = received − principal repaid', () => {
    expect(summary.totals).toEqual([
      {
        currency: 'RUB',
        received: '1500000.00',
        repaid: {
          principal: '250000.1234',
          interest: '12345.67',
          fee: '1.00',
          total: '262346.7934',
        },
        outstanding_principal: '1249999.8766',
        receipts: 3,
        expenses: 3,
      },
      {
        currency: 'USD',
        received: '10000.00',
        repaid: { principal: '0.00', interest: '0.00', fee: '0.00', total: '0.00' },
        outstanding_principal: '10000.00',
        receipts: 1,
        expenses: 0,
      },
    ]);
  });

  it('breaks down per contract, organization and bank', () => {
    expect(
      summary.by_contract.map((row) => [
        row.organization_name,
        row.contract_number,
        row.outstanding_principal,
      ]),
    ).toEqual([
      ['ООО «Альфа»', 'КД-1', '749999.8766'],
      ['ООО «Альфа»', 'КД-2', '500000.00'],
      ['ООО «Бета»', 'КД-1', '10000.00'],
    ]);
    expect(
      summary.by_organization.map((row) => [row.name, row.currency, row.contracts, row.received]),
    ).toEqual([
      ['ООО «Альфа»', 'RUB', 2, '1500000.00'],
      ['ООО «Бета»', 'USD', 1, '10000.00'],
    ]);
    expect(
      summary.by_bank.map((row) => [row.bic, row.bank_name, row.currency, row.received]),
    ).toEqual([
      ['044525225', 'ПАО Сбербанк', 'RUB', '1500000.00'],
      [null, null, 'USD', '10000.00'],
    ]);
  });

  it('counts and dates', () => {
    expect(summary).toMatchObject({
      department_id: 8,
      department_name: 'Finance',
      as_of: '2026-01-17',
      last_import_at: '2026-01-18T03:00:04.512Z',
      generated_at: '2026-01-18T07:00:00.000Z',
      counts: {
        organizations: 2,
        bank_accounts: 3,
        contracts: 3,
        receipts: 4,
        expenses: 3,
        expense_details: 2,
        imported_files: 6,
      },
    });
  });

  it('is empty, not broken, for a department without data', () => {
    const empty = summarizePortfolio(
      { id: 8, name: 'Finance' },
      {
        ...figures,
        organizations: [],
        contracts: [],
        accounts: [],
        receipts: [],
        expenses: [],
        importedFiles: 0,
        lastImportAt: null,
      },
      new Date(0),
    );
    expect(empty).toMatchObject({ as_of: null, last_import_at: null, totals: [], by_contract: [] });
  });
});
