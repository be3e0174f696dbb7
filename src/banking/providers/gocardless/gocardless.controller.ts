import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../../core/auth/auth.decorators';
import type { AuthenticatedUser } from '../../../core/auth/roles';
import { ApiErrorBody } from '../../../core/http/api-error';
import { ApiProtected } from '../../../core/http/error-responses';
import { ApiIdParam, IdParam } from '../../../core/http/id-param';
import { TaskCommands } from '../../../core/scheduling/task-commands';
import { GoCardlessConnectService } from './connect/gocardless-connect.service';
import {
  CallbackQuery,
  CallbackResponse,
  CreateRequisitionRequest,
  InstitutionResponse,
  InstitutionsQuery,
  RequisitionResponse,
  ScheduleRequest,
  ScheduleResponse,
} from './dto/connect-api.dto';
import { GoCardlessConnectionAdmin } from './schedule/gocardless-connection-admin.service';
import { GOCARDLESS_HEALTH_TASK_KEY } from './gocardless.tasks';

const NOT_CONFIGURED = { type: ApiErrorBody, description: 'GoCardless is not configured.' };

/** The routes only GoCardless has: the connect flow, a connection's schedule, its removal. */
@ApiTags('banking')
@Controller('banking')
export class GoCardlessController {
  constructor(
    private readonly connect: GoCardlessConnectService,
    private readonly admin: GoCardlessConnectionAdmin,
    private readonly tasks: TaskCommands,
  ) {}

  @Get('gocardless/institutions')
  @ApiOperation({ summary: 'Banks GoCardless connects to in a country (cached)' })
  @ApiProtected('badRequest')
  @ApiServiceUnavailableResponse(NOT_CONFIGURED)
  @ApiOkResponse({ type: [InstitutionResponse] })
  async institutions(@Query() query: InstitutionsQuery): Promise<InstitutionResponse[]> {
    const institutions = await this.connect.institutions(query.country);
    return institutions.map(InstitutionResponse.from);
  }

  @Post('gocardless/requisitions')
  @ApiOperation({
    summary: 'Start connecting a bank',
    description:
      "Creates an end-user agreement with the bank's own limits and a requisition; send the user to `link`. The bank sends them back to `redirect_url` with `?ref=…`, which the app passes to the callback.",
  })
  @ApiProtected('badRequest')
  @ApiServiceUnavailableResponse(NOT_CONFIGURED)
  @ApiOkResponse({ type: RequisitionResponse })
  @HttpCode(200)
  async createRequisition(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: CreateRequisitionRequest,
  ): Promise<RequisitionResponse> {
    const started = await this.connect.start(caller.id, body.institution_id, body.redirect_url);
    return { link: started.link, requisition_id: started.requisitionId };
  }

  @Get('gocardless/callback')
  @Public()
  @ApiOperation({
    summary: 'The user is back from the bank',
    description:
      'Public: `ref` is an unguessable reference bound to the user who started the requisition. A linked requisition becomes a connection with its accounts, its scheduled sync and a first sync; an error (`UserCancelledSession`, a rejected requisition, …) is recorded and returned.',
  })
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: CallbackResponse })
  async callback(@Query() query: CallbackQuery): Promise<CallbackResponse> {
    return CallbackResponse.from(
      await this.connect.complete(query.ref, query.error, query.details),
    );
  }

  @Post('gocardless/health-check')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Check every GoCardless consent now (gocardless.health-check); admin' })
  @ApiProtected('conflict')
  @ApiAcceptedResponse({ description: 'The check started' })
  async healthCheck(): Promise<{ run_id: string | null }> {
    const result = await this.tasks.runCodeTaskNow(GOCARDLESS_HEALTH_TASK_KEY);
    return { run_id: result.runId };
  }

  @Patch('connections/:id/schedule')
  @ApiOperation({
    summary:
      'Change how often a GoCardless connection syncs and how often a failed sync is retried',
    description:
      "The caller's own connection. An interval the accounts' daily budget cannot sustain is a 400 naming the smallest allowed.",
  })
  @ApiIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduleResponse })
  async changeSchedule(
    @CurrentUser() caller: AuthenticatedUser,
    @IdParam() id: number,
    @Body() body: ScheduleRequest,
  ): Promise<ScheduleResponse> {
    const schedule = await this.admin.changeSchedule(id, caller.id, {
      intervalHours: body.interval_hours,
      maxRetries: body.max_retries,
    });
    return {
      connection_id: schedule.connectionId,
      task_id: schedule.taskId,
      interval_hours: schedule.intervalHours,
      max_retries: schedule.maxRetries,
      retry_delay_seconds: schedule.retryDelaySeconds,
      next_run: schedule.nextRun?.toISOString() ?? null,
    };
  }

  @Delete('gocardless/connections/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disconnect a GoCardless connection',
    description:
      "The caller's own connection: it stops syncing, its task is deleted and its requisition is removed at GoCardless. Its data stays.",
  })
  @ApiIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiNoContentResponse()
  async disconnect(@CurrentUser() caller: AuthenticatedUser, @IdParam() id: number): Promise<void> {
    await this.admin.disconnect(id, caller.id);
  }
}
