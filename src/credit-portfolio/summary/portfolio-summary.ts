import { formatAmount } from './amounts';
import {
  AccountInfo,
  ContractInfo,
  ExpenseGroup,
  OrganizationInfo,
  PortfolioFigures,
  ReceiptGroup,
} from './portfolio-figures';

export interface RepaidAmounts {
  principal: string;
  interest: string;
  fee: string;
  total: string;
}

export interface FlowTotals {
  currency: string;
  received: string;
  repaid: RepaidAmounts;
  /** Received minus principal repaid. */
  outstanding_principal: string;
  receipts: number;
  expenses: number;
}

export interface ContractSummary extends FlowTotals {
  contract_id: number;
  contract_number: string;
  contract_date: string | null;
  organization_id: number;
  organization_name: string;
  inn: string;
}

export interface OrganizationSummary extends FlowTotals {
  organization_id: number;
  name: string;
  inn: string;
  contracts: number;
}

export interface BankSummary extends FlowTotals {
  /** Null for accounts known only from expense files (no БИК yet). */
  bic: string | null;
  bank_name: string | null;
}

export interface PortfolioCounts {
  organizations: number;
  bank_accounts: number;
  contracts: number;
  receipts: number;
  expenses: number;
  expense_details: number;
  imported_files: number;
}

/** The summary as the API returns it (snake_case, amounts as exact decimal strings). */
export interface PortfolioSummary {
  department_id: number;
  department_name: string;
  /** Latest receipt or expense date. */
  as_of: string | null;
  last_import_at: string | null;
  generated_at: string;
  counts: PortfolioCounts;
  totals: FlowTotals[];
  by_contract: ContractSummary[];
  by_organization: OrganizationSummary[];
  by_bank: BankSummary[];
}

class Flow {
  received = 0n;
  principal = 0n;
  interest = 0n;
  fee = 0n;
  repaidTotal = 0n;
  receipts = 0;
  expenses = 0;

  constructor(readonly currency: string) {}

  addReceipts(group: ReceiptGroup): void {
    this.received += group.received;
    this.receipts += group.count;
  }

  addExpenses(group: ExpenseGroup): void {
    this.principal += group.principal;
    this.interest += group.interest;
    this.fee += group.fee;
    this.repaidTotal += group.total;
    this.expenses += group.count;
  }

  toTotals(): FlowTotals {
    return {
      currency: this.currency,
      received: formatAmount(this.received),
      repaid: {
        principal: formatAmount(this.principal),
        interest: formatAmount(this.interest),
        fee: formatAmount(this.fee),
        total: formatAmount(this.repaidTotal),
      },
      outstanding_principal: formatAmount(this.received - this.principal),
      receipts: this.receipts,
      expenses: this.expenses,
    };
  }
}

/** Flows keyed by some grouping plus currency (amounts in different currencies never add up). */
class FlowTable<K> {
  private readonly flows = new Map<string, { key: K; flow: Flow }>();

  constructor(private readonly keyText: (key: K) => string) {}

  at(key: K, currency: string): Flow {
    const id = `${this.keyText(key)}\u0000${currency}`;
    let entry = this.flows.get(id);
    if (!entry) {
      entry = { key, flow: new Flow(currency) };
      this.flows.set(id, entry);
    }
    return entry.flow;
  }

  entries(): { key: K; flow: Flow }[] {
    return [...this.flows.values()];
  }
}

/** Rolls the per-(contract, account, currency) aggregates up to contracts, organizations, banks. */
export function summarizePortfolio(
  department: { id: number; name: string },
  figures: PortfolioFigures,
  generatedAt: Date,
): PortfolioSummary {
  const contracts = byId(figures.contracts);
  const organizations = byId(figures.organizations);
  const accounts = byId(figures.accounts);
  const totals = new FlowTable<string>((currency) => currency);
  const perContract = new FlowTable<ContractInfo>((contract) => String(contract.id));
  const perOrganization = new FlowTable<OrganizationInfo>((organization) =>
    String(organization.id),
  );
  const perBank = new FlowTable<AccountInfo>((account) => account.bic ?? '');

  const flowsOf = (group: { contractId: number; accountId: number; currency: string }): Flow[] => {
    const contract = lookup(contracts, group.contractId, 'contract');
    const organization = lookup(organizations, contract.organizationId, 'organization');
    return [
      totals.at(group.currency, group.currency),
      perContract.at(contract, group.currency),
      perOrganization.at(organization, group.currency),
      perBank.at(lookup(accounts, group.accountId, 'account'), group.currency),
    ];
  };
  for (const group of figures.receipts) flowsOf(group).forEach((flow) => flow.addReceipts(group));
  for (const group of figures.expenses) flowsOf(group).forEach((flow) => flow.addExpenses(group));

  const contractsPerOrganization = countBy(
    figures.contracts,
    (contract) => contract.organizationId,
  );
  const lastDates = [...figures.receipts, ...figures.expenses]
    .map((group) => group.lastDate)
    .filter((date): date is string => date !== null)
    .sort();
  return {
    department_id: department.id,
    department_name: department.name,
    as_of: lastDates[lastDates.length - 1] ?? null,
    last_import_at: figures.lastImportAt?.toISOString() ?? null,
    generated_at: generatedAt.toISOString(),
    counts: {
      organizations: figures.organizations.length,
      bank_accounts: figures.accounts.length,
      contracts: figures.contracts.length,
      receipts: sum(figures.receipts.map((group) => group.count)),
      expenses: sum(figures.expenses.map((group) => group.count)),
      expense_details: sum(figures.expenses.map((group) => group.detailCount)),
      imported_files: figures.importedFiles,
    },
    totals: totals
      .entries()
      .map(({ flow }) => flow.toTotals())
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    by_contract: perContract
      .entries()
      .map(({ key: contract, flow }) => {
        const organization = lookup(organizations, contract.organizationId, 'organization');
        return {
          contract_id: contract.id,
          contract_number: contract.number,
          contract_date: contract.date,
          organization_id: organization.id,
          organization_name: organization.name,
          inn: organization.inn,
          ...flow.toTotals(),
        };
      })
      .sort(
        (a, b) =>
          a.organization_name.localeCompare(b.organization_name) ||
          a.contract_number.localeCompare(b.contract_number) ||
          a.currency.localeCompare(b.currency),
      ),
    by_organization: perOrganization
      .entries()
      .map(({ key: organization, flow }) => ({
        organization_id: organization.id,
        name: organization.name,
        inn: organization.inn,
        contracts: contractsPerOrganization.get(organization.id) ?? 0,
        ...flow.toTotals(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)),
    by_bank: perBank
      .entries()
      .map(({ key: account, flow }) => ({
        bic: account.bic,
        bank_name: account.bic ? account.bankName : null,
        ...flow.toTotals(),
      }))
      .sort(
        (a, b) =>
          Number(a.bic === null) - Number(b.bic === null) ||
          (a.bic ?? '').localeCompare(b.bic ?? '') ||
          a.currency.localeCompare(b.currency),
      ),
  };
}

function byId<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function lookup<T>(items: Map<number, T>, id: number, what: string): T {
  const item = items.get(id);
  if (!item) throw new Error(`Summary figures reference an unknown ${what} ${id}`);
  return item;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
