import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { CreditPortfolioController } from './credit-portfolio.controller';
import { CreditPortfolioTasks } from './credit-portfolio.tasks';
import { CREDIT_PORTFOLIO_ENTITIES } from './entities';
import { CreditPortfolioImportService } from './import/credit-portfolio-import.service';
import { CreditPortfolioFileImporter } from './import/file-importer.service';
import { ImportLedger } from './import/import-ledger.service';
import { AnalyticsCache } from './summary/analytics-cache';
import { analyticsCacheOptions } from './summary/analytics-cache.options';
import { CreditPortfolioSummaryService } from './summary/credit-portfolio-summary.service';
import { PortfolioFiguresReader } from './summary/portfolio-figures.reader';

/** Daily credit-portfolio import from FTP, its ledger and the cached portfolio summary. */
@Module({
  imports: [
    TypeOrmModule.forFeature(CREDIT_PORTFOLIO_ENTITIES),
    CacheModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => analyticsCacheOptions(config),
    }),
  ],
  controllers: [CreditPortfolioController],
  providers: [
    CreditPortfolioTasks,
    CreditPortfolioImportService,
    CreditPortfolioFileImporter,
    ImportLedger,
    AnalyticsCache,
    PortfolioFiguresReader,
    CreditPortfolioSummaryService,
  ],
})
export class CreditPortfolioModule {}
