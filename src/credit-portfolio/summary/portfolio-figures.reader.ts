import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CreditContractEntity,
  CreditImportFileEntity,
  OrganizationEntity,
  OrgBankAccountEntity,
} from '../entities';
import { exactSumSql, isoDate, scaledSum } from './amounts';
import { ExpenseGroup, PortfolioFigures, ReceiptGroup } from './portfolio-figures';

type RawRow = Record<string, unknown>;

// Without a detail, an expense counts in full under its own kind.
const PART_OF_EXPENSE = (part: 'principal' | 'interest' | 'fee'): string =>
  `CASE WHEN d.id IS NULL THEN (CASE WHEN e.kind = '${part}' THEN e.amount ELSE 0 END) ELSE d.${part} END`;

/** The aggregate queries behind the summary; sums are exact on both engines. */
@Injectable()
export class PortfolioFiguresReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get engine(): 'mysql' | 'sqlite' {
    const { type } = this.dataSource.options;
    return type === 'mysql' || type === 'mariadb' ? 'mysql' : 'sqlite';
  }

  async read(departmentId: number): Promise<PortfolioFigures> {
    const [receipts, expenses, contracts, organizations, accounts, imports] = await Promise.all([
      this.receiptGroups(departmentId),
      this.expenseGroups(departmentId),
      this.dataSource.getRepository(CreditContractEntity).find({
        select: { id: true, contractNumber: true, contractDate: true, organizationId: true },
        where: { departmentId },
      }),
      this.dataSource.getRepository(OrganizationEntity).find({
        select: { id: true, inn: true, name: true },
        where: { departmentId },
      }),
      this.dataSource.getRepository(OrgBankAccountEntity).find({
        select: { id: true, bic: true, bankName: true },
        where: { departmentId },
      }),
      this.importedFiles(departmentId),
    ]);
    return {
      receipts,
      expenses,
      contracts: contracts.map((contract) => ({
        id: contract.id,
        number: contract.contractNumber,
        date: isoDate(contract.contractDate),
        organizationId: contract.organizationId,
      })),
      organizations,
      accounts,
      ...imports,
    };
  }

  private async receiptGroups(departmentId: number): Promise<ReceiptGroup[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .from('credit_receipts', 'r')
      .select('r.contract_id', 'contract_id')
      .addSelect('r.account_id', 'account_id')
      .addSelect('r.currency', 'currency')
      .addSelect('COUNT(*)', 'count')
      .addSelect(exactSumSql('r.amount', this.engine), 'received')
      .addSelect('MAX(r.receipt_date)', 'last_date')
      .where('r.department_id = :departmentId', { departmentId })
      .groupBy('r.contract_id')
      .addGroupBy('r.account_id')
      .addGroupBy('r.currency')
      .getRawMany<RawRow>();
    return rows.map((row) => ({
      ...this.groupKey(row),
      count: Number(row.count),
      received: scaledSum(row.received, this.engine),
      lastDate: isoDate(row.last_date),
    }));
  }

  private async expenseGroups(departmentId: number): Promise<ExpenseGroup[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .from('credit_expenses', 'e')
      .leftJoin('credit_expense_details', 'd', 'd.expense_id = e.id')
      .select('e.contract_id', 'contract_id')
      .addSelect('e.account_id', 'account_id')
      .addSelect('e.currency', 'currency')
      .addSelect('COUNT(*)', 'count')
      .addSelect('COUNT(d.id)', 'detail_count')
      .addSelect(exactSumSql(PART_OF_EXPENSE('principal'), this.engine), 'principal')
      .addSelect(exactSumSql(PART_OF_EXPENSE('interest'), this.engine), 'interest')
      .addSelect(exactSumSql(PART_OF_EXPENSE('fee'), this.engine), 'fee')
      .addSelect(exactSumSql('e.amount', this.engine), 'total')
      .addSelect('MAX(e.expense_date)', 'last_date')
      .where('e.department_id = :departmentId', { departmentId })
      .groupBy('e.contract_id')
      .addGroupBy('e.account_id')
      .addGroupBy('e.currency')
      .getRawMany<RawRow>();
    return rows.map((row) => ({
      ...this.groupKey(row),
      count: Number(row.count),
      detailCount: Number(row.detail_count),
      principal: scaledSum(row.principal, this.engine),
      interest: scaledSum(row.interest, this.engine),
      fee: scaledSum(row.fee, this.engine),
      total: scaledSum(row.total, this.engine),
      lastDate: isoDate(row.last_date),
    }));
  }

  private async importedFiles(
    departmentId: number,
  ): Promise<{ importedFiles: number; lastImportAt: Date | null }> {
    const files = this.dataSource.getRepository(CreditImportFileEntity);
    const importedFiles = await files.countBy({ departmentId, status: 'imported' });
    const last = await files.findOne({
      select: { id: true, finishedAt: true },
      where: { departmentId, status: 'imported' },
      order: { id: 'DESC' },
    });
    return { importedFiles, lastImportAt: last?.finishedAt ?? null };
  }

  private groupKey(row: RawRow): { contractId: number; accountId: number; currency: string } {
    return {
      contractId: Number(row.contract_id),
      accountId: Number(row.account_id),
      currency: String(row.currency),
    };
  }
}
