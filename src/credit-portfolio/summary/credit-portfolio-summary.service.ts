import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/scheduling/clock';
import { DepartmentEntity } from '../entities';
import { AnalyticsCache } from './analytics-cache';
import { PortfolioFiguresReader } from './portfolio-figures.reader';
import { PortfolioSummary, summarizePortfolio } from './portfolio-summary';

export interface SummaryResult {
  summary: PortfolioSummary;
  fromCache: boolean;
}

/** The department's credit-portfolio summary, cached until the next successful import. */
@Injectable()
export class CreditPortfolioSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: PortfolioFiguresReader,
    private readonly cache: AnalyticsCache,
    private readonly clock: Clock,
  ) {}

  async summary(departmentId: number): Promise<SummaryResult> {
    const department = await this.dataSource
      .getRepository(DepartmentEntity)
      .findOneBy({ id: departmentId });
    if (!department) throw new NotFoundException(`Department ${departmentId} not found`);
    const { value, fromCache } = await this.cache.getOrCompute(
      summaryCacheKey(departmentId),
      async () =>
        summarizePortfolio(department, await this.figures.read(departmentId), this.clock.now()),
    );
    return { summary: value, fromCache };
  }
}

export function summaryCacheKey(departmentId: number): string {
  return `summary:${departmentId}`;
}
