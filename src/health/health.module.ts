import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BankingModule } from '../banking/banking.module';
import { BankProvidersHealthIndicator } from './bank-providers.health';
import { HealthController } from './health.controller';
import { SchedulerHealthIndicator } from './scheduler.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), BankingModule],
  controllers: [HealthController],
  providers: [SchedulerHealthIndicator, BankProvidersHealthIndicator],
})
export class HealthModule {}
