import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../core/auth/auth.decorators';
import { BankProvidersHealthIndicator } from './bank-providers.health';
import { HealthReport, withBankProviders } from './health-report';
import { SchedulerHealthIndicator } from './scheduler.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly scheduler: SchedulerHealthIndicator,
    private readonly bankProviders: BankProvidersHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Readiness: database ping, the scheduler on this instance, and each bank provider',
    description:
      '`details.scheduler` reports `enabled` (SCHEDULER_ENABLED), `running`, `instance_id` and ' +
      '`last_dispatch` (the latest dispatcher pass). The scheduler is down when it is enabled but ' +
      'no dispatch pass ran for 3 × SCHEDULER_POLL_MS + 10 s; when disabled it is up with ' +
      '`enabled: false`. Each registered bank provider is reported under its name (e.g. ' +
      '`details.tink`) as `up`, `degraded` with a `reason`, or `not_configured` with a `reason`; ' +
      'probed at most every 30 s. A provider never makes the check fail: a degraded one turns ' +
      '`status` into `degraded`, still with HTTP 200.',
  })
  @ApiOkResponse({
    description: '`status: ok` (or `degraded`), with each dependency under `details`.',
  })
  @ApiServiceUnavailableResponse({
    description: '`status: error`; `details` names the dependency that is down.',
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [result, providers] = await Promise.all([
      this.checkCore(res),
      this.bankProviders.check(),
    ]);
    return withBankProviders(result, providers);
  }

  private async checkCore(res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.scheduler.check('scheduler'),
      ]);
    } catch (error) {
      // Terminus reports "unhealthy" as an exception; the probe's body is the answer, not an error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
