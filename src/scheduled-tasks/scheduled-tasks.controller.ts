import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiPageResponse, Page } from '../core/http/pagination';
import { ScheduledTaskService } from './scheduled-task.service';
import { ListRunsQuery, ListTasksQuery } from './dto/list-queries.dto';
import {
  NextRunsQuery,
  PreviewScheduleDto,
  ScheduleFiresResponse,
  TaskFiresResponse,
} from './dto/next-runs.dto';
import { RunNowResponse, TaskRunResponse } from './dto/run.response';
import {
  CreateScheduledTaskDto,
  toTaskChanges,
  toTaskDefinition,
  UpdateScheduledTaskDto,
} from './dto/task-body.dto';
import { ScheduledTaskResponse } from './dto/task.response';
import { ApiTaskIdParam, TaskIdParam } from './task-id.param';
import { formatInZone } from './zoned-time';

const CREATE_EXAMPLES = {
  cron: {
    summary: 'Daily at 02:30 Berlin time',
    value: {
      task_type: 'test.probe',
      name: 'Nightly probe',
      schedule_type: 'cron',
      cron: '30 2 * * *',
      timezone: 'Europe/Berlin',
      payload: { sleep_ms: 100 },
    },
  },
  interval: {
    summary: 'Every 6 hours for one source',
    value: {
      task_type: 'test.sync-probe',
      source_id: 'connection-42',
      schedule_type: 'interval',
      interval_seconds: 21600,
      max_retries: 5,
    },
  },
};

@ApiTags('scheduled-tasks')
@Roles('admin')
@Controller('scheduled-tasks')
export class ScheduledTasksController {
  constructor(private readonly tasks: ScheduledTaskService) {}

  @Post()
  @ApiOperation({ summary: 'Create a task for a registered task type' })
  @ApiProtected('badRequest')
  @ApiBody({ type: CreateScheduledTaskDto, examples: CREATE_EXAMPLES })
  @ApiCreatedResponse({ type: ScheduledTaskResponse })
  async create(@Body() dto: CreateScheduledTaskDto): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.create(toTaskDefinition(dto)));
  }

  @Get()
  @ApiOperation({ summary: 'List tasks, oldest first' })
  @ApiProtected('badRequest')
  @ApiPageResponse(ScheduledTaskResponse)
  async list(@Query() query: ListTasksQuery): Promise<Page<ScheduledTaskResponse>> {
    const { status, task_type, enabled, source_id, limit, cursor } = query;
    const page = await this.tasks.list(
      { status, taskType: task_type, enabled, sourceId: source_id },
      limit,
      cursor,
    );
    return { items: page.items.map(ScheduledTaskResponse.from), next_cursor: page.next_cursor };
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Next fire times of a schedule that is not saved yet' })
  @ApiProtected('badRequest')
  @ApiOkResponse({ type: ScheduleFiresResponse })
  preview(@Body() dto: PreviewScheduleDto): ScheduleFiresResponse {
    const timezone = dto.timezone ?? 'UTC';
    const fires = this.tasks.preview(
      { cron: dto.cron, intervalSeconds: dto.interval_seconds, timezone },
      dto.count,
      dto.from ? new Date(dto.from) : undefined,
    );
    return { timezone, next_runs: fires.map((fire) => fireTime(fire, timezone)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one task' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduledTaskResponse })
  async get(@TaskIdParam() id: string): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change any subset of a task’s fields',
    description: 'Editing a code-declared task marks it operator_modified: boot keeps the edit.',
  })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduledTaskResponse })
  async update(
    @TaskIdParam() id: string,
    @Body() dto: UpdateScheduledTaskDto,
  ): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.update(id, toTaskChanges(dto)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a task and its run history (409 for a code-declared task)' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound', 'conflict')
  @ApiNoContentResponse({ description: 'Deleted.' })
  async remove(@TaskIdParam() id: string): Promise<void> {
    await this.tasks.remove(id);
  }

  @Post(':id/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run now, whatever the schedule',
    description: 'Refused with 409 while a run is in progress and the overlap policy is skip.',
  })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound', 'conflict')
  @ApiAcceptedResponse({ type: RunNowResponse })
  async runNow(@TaskIdParam() id: string): Promise<RunNowResponse> {
    const result = await this.tasks.runNow(id);
    return { run_id: result.runId, status: result.status };
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause: next_run becomes null until resumed' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduledTaskResponse })
  async pause(@TaskIdParam() id: string): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.pause(id));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume from now; fires missed while paused are not caught up' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduledTaskResponse })
  async resume(@TaskIdParam() id: string): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.resume(id));
  }

  @Post(':id/reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put a code-declared task back to its code defaults' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: ScheduledTaskResponse })
  async reset(@TaskIdParam() id: string): Promise<ScheduledTaskResponse> {
    return ScheduledTaskResponse.from(await this.tasks.reset(id));
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'Run history of a task, newest first' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiPageResponse(TaskRunResponse)
  async runs(
    @TaskIdParam() id: string,
    @Query() query: ListRunsQuery,
  ): Promise<Page<TaskRunResponse>> {
    const page = await this.tasks.listRuns(
      { taskId: id, statuses: query.status, includeIdle: query.include_idle },
      query.limit,
      query.cursor,
    );
    const labels = await this.tasks.taskLabels(page.items);
    return {
      items: page.items.map((run) => TaskRunResponse.from(run, labels)),
      next_cursor: page.next_cursor,
    };
  }

  @Get(':id/next-runs')
  @ApiOperation({ summary: 'The next fire times of a task, in UTC and in its time zone' })
  @ApiTaskIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: TaskFiresResponse })
  async nextRuns(
    @TaskIdParam() id: string,
    @Query() query: NextRunsQuery,
  ): Promise<TaskFiresResponse> {
    const { task, fires } = await this.tasks.nextRuns(
      id,
      query.count,
      query.from ? new Date(query.from) : undefined,
    );
    return {
      task_id: task.id,
      timezone: task.timezone,
      next_runs: fires.map((fire) => fireTime(fire, task.timezone)),
    };
  }
}

function fireTime(fire: Date, timezone: string): { utc: string; local: string } {
  return { utc: fire.toISOString(), local: formatInZone(fire, timezone) };
}
