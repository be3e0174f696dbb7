import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry';
import { MetricsController } from './metrics.controller';
import { SchedulingMetrics } from './scheduling-metrics.service';

/** `GET /metrics` (outside the /api/v1 prefix), fed by the scheduling engine's events. */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, SchedulingMetrics],
})
export class MetricsModule {}
