import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { creditPortfolioConfig } from './credit-portfolio.config';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiPageResponse, Page } from '../core/http/pagination';
import { TaskCommands } from '../core/scheduling/task-commands';
import { IMPORT_TASK_KEY } from './credit-portfolio.tasks';
import { ImportFileResponse } from './dto/import-file.response';
import { ImportTriggerResponse } from './dto/import-trigger.response';
import { ListImportsQuery } from './dto/list-imports.query';
import { SummaryQuery } from './dto/summary.query';
import { SummaryResponse } from './dto/summary.response';
import { ImportLedger } from './import/import-ledger.service';
import { CreditPortfolioSummaryService } from './summary/credit-portfolio-summary.service';

@ApiTags('credit-portfolio')
@Roles('admin')
@Controller('credit-portfolio')
export class CreditPortfolioController {
  constructor(
    private readonly tasks: TaskCommands,
    private readonly ledger: ImportLedger,
    private readonly summaries: CreditPortfolioSummaryService,
    private readonly config: AppConfig,
  ) {}

  @Post('import/trigger')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run the FTP import now',
    description: `Starts a run of the scheduled task ${IMPORT_TASK_KEY} through the scheduler (same locking, history and retries as the daily run). 409 while a run is in progress. Follow it in GET /credit-portfolio/imports?run_id= and /scheduled-tasks/{id}/runs.\n\nA file is the truth for its (kind, day): importing a new version of receipts_/expenses_/expense_details_YYYY-MM-DD.xlsx replaces that day's rows of that kind in one transaction. Rows the new version no longer has are deleted (an expense takes its breakdown with it) and counted in rows_removed; the new ledger entry names the one it replaced in supersedes_import_id, that one becomes superseded, and the summary cache is cleared. A file listed with the size and modification time its ledger entry has is not downloaded again: its last_seen_at moves on and no new entry is written.`,
  })
  @ApiProtected('notFound', 'conflict')
  @ApiAcceptedResponse({ type: ImportTriggerResponse })
  async trigger(): Promise<ImportTriggerResponse> {
    const result = await this.tasks.runCodeTaskNow(IMPORT_TASK_KEY);
    return { run_id: result.runId, status: result.status };
  }

  @Get('imports')
  @ApiOperation({
    summary: 'The import ledger, newest first',
    description:
      'Every file an import looked at, with its status, row counts and the row/column report of a rejected file.',
  })
  @ApiProtected('badRequest')
  @ApiPageResponse(ImportFileResponse)
  async imports(@Query() query: ListImportsQuery): Promise<Page<ImportFileResponse>> {
    const page = await this.ledger.list(
      { status: query.status, runId: query.run_id, departmentId: query.department_id },
      query.limit,
      query.cursor,
    );
    return { items: page.items.map(ImportFileResponse.from), next_cursor: page.next_cursor };
  }

  @Get('summary')
  @ApiOperation({
    summary: 'Portfolio totals of a department',
    description:
      'Received and repaid (principal, interest, fee) per currency, outstanding principal per contract, organization and bank, counts and the as-of date. Cached until the next successful import.',
  })
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({
    type: SummaryResponse,
    headers: {
      'X-Cache': {
        description: 'HIT when served from the analytics cache, MISS when computed.',
        schema: { type: 'string', enum: ['HIT', 'MISS'] },
      },
    },
  })
  async summary(
    @Query() query: SummaryQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SummaryResponse> {
    const departmentId = query.department_id ?? this.config.get(creditPortfolioConfig).departmentId;
    const { summary, fromCache } = await this.summaries.summary(departmentId);
    response.setHeader('X-Cache', fromCache ? 'HIT' : 'MISS');
    return summary;
  }
}
