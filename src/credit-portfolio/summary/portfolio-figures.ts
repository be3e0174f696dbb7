/** Raw aggregates read from the database, per (contract, account, currency). Amounts × 10^4. */
export interface ReceiptGroup {
  contractId: number;
  accountId: number;
  currency: string;
  count: number;
  received: bigint;
  lastDate: string | null;
}

export interface ExpenseGroup {
  contractId: number;
  accountId: number;
  currency: string;
  count: number;
  detailCount: number;
  /** From the expense details; without a detail, the expense's own amount under its kind. */
  principal: bigint;
  interest: bigint;
  fee: bigint;
  /** Sum of the expenses' Сумма. */
  total: bigint;
  lastDate: string | null;
}

export interface ContractInfo {
  id: number;
  number: string;
  date: string | null;
  organizationId: number;
}

export interface OrganizationInfo {
  id: number;
  inn: string;
  name: string;
}

export interface AccountInfo {
  id: number;
  bic: string | null;
  bankName: string | null;
}

export interface PortfolioFigures {
  receipts: ReceiptGroup[];
  expenses: ExpenseGroup[];
  contracts: ContractInfo[];
  organizations: OrganizationInfo[];
  accounts: AccountInfo[];
  importedFiles: number;
  lastImportAt: Date | null;
}
