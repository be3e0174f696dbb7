import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../core/auth/auth.decorators';

@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Text exposition format for a Prometheus scrape: task runs by `task_type` and `status`, run ' +
      'duration and fire lag histograms, missed and overlap-skipped fires, runs in progress on this ' +
      'instance, and the Node.js process metrics. No token: expose it to the scraper only.',
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'Metrics in the Prometheus text format.',
    schema: {
      type: 'string',
      example:
        '# TYPE finsync_task_runs_total counter\n' +
        'finsync_task_runs_total{task_type="scheduler.cleanup-logs",status="completed"} 3\n',
    },
  })
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
