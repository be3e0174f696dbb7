import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankingModule } from '../../banking.module';
import { registerBankSyncProvider } from '../../sync/bank-sync-provider.registration';
import { AccountCallMeter } from './budget/account-call-meter';
import { GoCardlessAccountStateEntity } from './budget/gocardless-account-state.entity';
import { GoCardlessBudgetEntity } from './budget/gocardless-budget.entity';
import { GoCardlessBudgetStore } from './budget/gocardless-budget.store';
import { GoCardlessApiService } from './client/gocardless-api.service';
import { GoCardlessAppTokenEntity } from './client/gocardless-app-token.entity';
import { GoCardlessTokenVault } from './client/gocardless-token.vault';
import { GoCardlessConnectService } from './connect/gocardless-connect.service';
import { GoCardlessHealthService } from './connect/gocardless-health.service';
import { GoCardlessLinkEntity } from './connect/gocardless-link.entity';
import { GoCardlessController } from './gocardless.controller';
import { GoCardlessBankSyncProvider } from './gocardless.provider';
import { GoCardlessTasks } from './gocardless.tasks';
import { GoCardlessConnectionAdmin } from './schedule/gocardless-connection-admin.service';
import { GoCardlessSchedule } from './schedule/gocardless-schedule.service';

export const GOCARDLESS_ENTITIES = [
  GoCardlessAppTokenEntity,
  GoCardlessLinkEntity,
  GoCardlessAccountStateEntity,
  GoCardlessBudgetEntity,
];

/**
 * GoCardless Bank Account Data on the bank-sync core: the client and its shared token pair, the
 * per-account budgets, the port adapter, the connect flow, one sync task per connection, the
 * daily consent check and the hourly token renewal.
 */
@Module({
  imports: [BankingModule, TypeOrmModule.forFeature(GOCARDLESS_ENTITIES)],
  controllers: [GoCardlessController],
  providers: [
    GoCardlessTokenVault,
    GoCardlessApiService,
    GoCardlessBudgetStore,
    AccountCallMeter,
    GoCardlessSchedule,
    ...registerBankSyncProvider(GoCardlessBankSyncProvider),
    GoCardlessConnectService,
    GoCardlessHealthService,
    GoCardlessConnectionAdmin,
    GoCardlessTasks,
  ],
})
export class GoCardlessModule {}
