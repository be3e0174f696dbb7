import { Module } from '@nestjs/common';
import { BankingModule } from '../../banking.module';
import { TinkApiService } from './client/tink-api.service';
import { TinkBankSyncProvider } from './tink.provider';
import { TinkController } from './tink.controller';
import { TinkSyncService } from './tink.sync.service';
import { TinkTasks } from './tink.tasks';

/** Tink on the bank-sync core: the client, the port adapter, the 6-hourly job, manual refresh. */
@Module({
  imports: [BankingModule],
  controllers: [TinkController],
  providers: [TinkApiService, TinkBankSyncProvider, TinkSyncService, TinkTasks],
  exports: [TinkSyncService, TinkBankSyncProvider],
})
export class TinkModule {}
