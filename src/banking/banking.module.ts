import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArchiveHorizonService } from './archive/archive-horizon.service';
import { TransactionArchiveTasks } from './archive/transaction-archive.tasks';
import { TransactionArchiver } from './archive/transaction-archiver.service';
import { AccountsController } from './accounts/accounts.controller';
import { BankAccountsService } from './accounts/bank-accounts.service';
import { SyncAuditService } from './audit/sync-audit.service';
import { BANKING_ENTITIES } from './banking.entities';
import { BankConnectionsService } from './connections/bank-connections.service';
import { ConnectionLeases } from './connections/connection-leases.service';
import { ConnectionSecrets } from './connections/connection-secrets';
import { ConnectionSyncRecorder } from './connections/connection-sync-recorder.service';
import { ConnectionsController } from './connections/connections.controller';
import { LostRunLeases } from './connections/lost-run-leases.listener';
import { ManualRefreshPolicy } from './refresh/manual-refresh-policy';
import { RefreshDataController } from './refresh/refresh-data.controller';
import { BankProviderRegistry } from './sync/bank-provider-registry.service';
import { BankSyncService } from './sync/bank-sync.service';
import { ConnectionFanOutService } from './sync/connection-fan-out.service';
import { ConnectionSyncService } from './sync/connection-sync.service';
import { RefreshBudget } from './sync/refresh-budget.service';
import { SharedRateLimiters } from './sync/shared-rate-limiters';
import { TransactionIngestService } from './sync/transaction-ingest.service';
import { TransactionsController } from './transactions/transactions.controller';
import { TransactionsQueryService } from './transactions/transactions-query.service';
import { UsersModule } from '../users/users.module';

/**
 * The bank-sync core every provider module builds on: connections, accounts, transactions, the sync
 * policy and ingest, budgets, the audit trail, the provider registry, the read API and the refresh
 * route. It knows no provider by name; provider modules under `providers/` import it and register
 * their adapter with `registerBankSyncProvider` (sync/bank-sync-provider.registration.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature(BANKING_ENTITIES), DiscoveryModule, UsersModule],
  controllers: [
    ConnectionsController,
    AccountsController,
    TransactionsController,
    RefreshDataController,
  ],
  providers: [
    BankConnectionsService,
    ConnectionSecrets,
    ConnectionSyncRecorder,
    ConnectionLeases,
    LostRunLeases,
    BankAccountsService,
    TransactionsQueryService,
    TransactionIngestService,
    SharedRateLimiters,
    RefreshBudget,
    ConnectionSyncService,
    ConnectionFanOutService,
    BankSyncService,
    BankProviderRegistry,
    SyncAuditService,
    ArchiveHorizonService,
    TransactionArchiver,
    TransactionArchiveTasks,
    ManualRefreshPolicy,
  ],
  exports: [BankConnectionsService, BankSyncService, BankProviderRegistry, SharedRateLimiters],
})
export class BankingModule {}
