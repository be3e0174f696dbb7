export { DepartmentEntity } from './department.entity';
export { OrganizationEntity } from './organization.entity';
export { OrgBankAccountEntity } from './org-bank-account.entity';
export { CreditContractEntity } from './credit-contract.entity';
export { CreditImportFileEntity, IMPORT_FILE_STATUSES } from './credit-import-file.entity';
export type { ImportFileStatus } from './credit-import-file.entity';
export { CreditReceiptEntity } from './credit-receipt.entity';
export { CreditExpenseEntity } from './credit-expense.entity';
export { CreditExpenseDetailEntity } from './credit-expense-detail.entity';

import { CreditContractEntity } from './credit-contract.entity';
import { CreditExpenseDetailEntity } from './credit-expense-detail.entity';
import { CreditExpenseEntity } from './credit-expense.entity';
import { CreditImportFileEntity } from './credit-import-file.entity';
import { CreditReceiptEntity } from './credit-receipt.entity';
import { DepartmentEntity } from './department.entity';
import { OrgBankAccountEntity } from './org-bank-account.entity';
import { OrganizationEntity } from './organization.entity';

export const CREDIT_PORTFOLIO_ENTITIES = [
  DepartmentEntity,
  OrganizationEntity,
  OrgBankAccountEntity,
  CreditContractEntity,
  CreditImportFileEntity,
  CreditReceiptEntity,
  CreditExpenseEntity,
  CreditExpenseDetailEntity,
];
