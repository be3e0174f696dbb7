import { Module } from '@nestjs/common';
import { BankingModule } from '../../banking.module';
import { registerBankSyncProvider } from '../../sync/bank-sync-provider.registration';
import { TinkApiService } from './client/tink-api.service';
import { TinkBankSyncProvider } from './tink.provider';
import { TinkTasks } from './tink.tasks';

/**
 * Tink on the bank-sync core: the client, the port adapter (registered with the core, which serves
 * the refresh route, the health entry and the sync itself) and the 6-hourly job.
 */
@Module({
  imports: [BankingModule],
  providers: [TinkApiService, ...registerBankSyncProvider(TinkBankSyncProvider), TinkTasks],
})
export class TinkModule {}
