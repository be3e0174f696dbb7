import { BankAccountEntity } from './accounts/bank-account.entity';
import { ArchivedTransactionEntity } from './archive/archived-transaction.entity';
import { SyncAuditEntity } from './audit/sync-audit.entity';
import { BankConnectionEntity } from './connections/bank-connection.entity';
import { TransactionEntity } from './transactions/transaction.entity';

export const BANKING_ENTITIES = [
  BankConnectionEntity,
  BankAccountEntity,
  TransactionEntity,
  ArchivedTransactionEntity,
  SyncAuditEntity,
];
