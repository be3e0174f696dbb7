import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts/accounts.controller';
import { BankAccountsService } from './accounts/bank-accounts.service';
import { SyncAuditService } from './audit/sync-audit.service';
import { BANKING_ENTITIES } from './banking.entities';
import { BankConnectionsService } from './connections/bank-connections.service';
import { ConnectionSecrets } from './connections/connection-secrets';
import { ConnectionSyncRecorder } from './connections/connection-sync-recorder.service';
import { ConnectionsController } from './connections/connections.controller';
import { BankSyncService } from './sync/bank-sync.service';
import { ConnectionSyncService } from './sync/connection-sync.service';
import { RefreshBudget } from './sync/refresh-budget.service';
import { SharedRateLimiters } from './sync/shared-rate-limiters';
import { TransactionIngestService } from './sync/transaction-ingest.service';
import { TransactionsController } from './transactions/transactions.controller';
import { TransactionsQueryService } from './transactions/transactions-query.service';

/**
 * The bank-sync core every provider module builds on (design §4a): connections, accounts,
 * transactions, the sync policy and ingest, budgets, the audit trail, and the read API.
 */
@Module({
  imports: [TypeOrmModule.forFeature(BANKING_ENTITIES)],
  controllers: [ConnectionsController, AccountsController, TransactionsController],
  providers: [
    BankConnectionsService,
    ConnectionSecrets,
    ConnectionSyncRecorder,
    BankAccountsService,
    TransactionsQueryService,
    TransactionIngestService,
    SharedRateLimiters,
    RefreshBudget,
    ConnectionSyncService,
    BankSyncService,
    SyncAuditService,
  ],
  exports: [
    BankConnectionsService,
    BankSyncService,
    ConnectionSyncService,
    SharedRateLimiters,
    SyncAuditService,
  ],
})
export class BankingModule {}
