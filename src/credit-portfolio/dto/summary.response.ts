import { ApiProperty } from '@nestjs/swagger';
import {
  BankSummary,
  ContractSummary,
  FlowTotals,
  OrganizationSummary,
  PortfolioCounts,
  PortfolioSummary,
  RepaidAmounts,
} from '../summary/portfolio-summary';

const AMOUNT = { type: String, description: 'Exact decimal, two to four places.' };

export class RepaidAmountsResponse implements RepaidAmounts {
  @ApiProperty({ ...AMOUNT, example: '1250000.00' })
  principal: string;

  @ApiProperty({ ...AMOUNT, example: '84512.37' })
  interest: string;

  @ApiProperty({ ...AMOUNT, example: '1500.00' })
  fee: string;

  @ApiProperty({ ...AMOUNT, example: '1336012.37', description: 'Sum of the expenses’ Сумма.' })
  total: string;
}

export class FlowTotalsResponse implements FlowTotals {
  @ApiProperty({ example: 'RUB' })
  currency: string;

  @ApiProperty({ ...AMOUNT, example: '5000000.00', description: 'Loan money received.' })
  received: string;

  @ApiProperty({
    type: RepaidAmountsResponse,
    description:
      'Repayments by kind, from the expense details; an expense without details counts under its Вид платежа.',
  })
  repaid: RepaidAmountsResponse;

  @ApiProperty({ ...AMOUNT, example: '3750000.00', description: 'received − repaid.principal' })
  outstanding_principal: string;

  @ApiProperty({ example: 12 })
  receipts: number;

  @ApiProperty({ example: 30 })
  expenses: number;
}

export class ContractSummaryResponse extends FlowTotalsResponse implements ContractSummary {
  @ApiProperty({ example: 17 })
  contract_id: number;

  @ApiProperty({ example: 'КД-2024/0012' })
  contract_number: string;

  @ApiProperty({ type: String, nullable: true, example: '2024-03-18' })
  contract_date: string | null;

  @ApiProperty({ example: 4 })
  organization_id: number;

  @ApiProperty({ example: 'ООО «Северный ветер»' })
  organization_name: string;

  @ApiProperty({ example: '7701234567' })
  inn: string;
}

export class OrganizationSummaryResponse extends FlowTotalsResponse implements OrganizationSummary {
  @ApiProperty({ example: 4 })
  organization_id: number;

  @ApiProperty({ example: 'ООО «Северный ветер»' })
  name: string;

  @ApiProperty({ example: '7701234567' })
  inn: string;

  @ApiProperty({ example: 2 })
  contracts: number;
}

export class BankSummaryResponse extends FlowTotalsResponse implements BankSummary {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '044525225',
    description: 'Null groups accounts known only from expense files (no БИК yet).',
  })
  bic: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'ПАО Сбербанк' })
  bank_name: string | null;
}

export class PortfolioCountsResponse implements PortfolioCounts {
  @ApiProperty({ example: 12 })
  organizations: number;

  @ApiProperty({ example: 12 })
  bank_accounts: number;

  @ApiProperty({ example: 24 })
  contracts: number;

  @ApiProperty({ example: 3000 })
  receipts: number;

  @ApiProperty({ example: 3000 })
  expenses: number;

  @ApiProperty({ example: 3000 })
  expense_details: number;

  @ApiProperty({ example: 9 })
  imported_files: number;
}

export class SummaryResponse implements PortfolioSummary {
  @ApiProperty({ example: 8 })
  department_id: number;

  @ApiProperty({ example: 'Finance' })
  department_name: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-01-17',
    description: 'The latest receipt or expense date.',
  })
  as_of: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-01-18T03:00:04.512Z' })
  last_import_at: string | null;

  @ApiProperty({
    example: '2026-01-18T07:12:40.031Z',
    description: 'When these figures were computed; they stay cached until the next import.',
  })
  generated_at: string;

  @ApiProperty({ type: PortfolioCountsResponse })
  counts: PortfolioCountsResponse;

  @ApiProperty({ type: [FlowTotalsResponse], description: 'One entry per currency.' })
  totals: FlowTotalsResponse[];

  @ApiProperty({ type: [ContractSummaryResponse] })
  by_contract: ContractSummaryResponse[];

  @ApiProperty({ type: [OrganizationSummaryResponse] })
  by_organization: OrganizationSummaryResponse[];

  @ApiProperty({ type: [BankSummaryResponse] })
  by_bank: BankSummaryResponse[];
}
