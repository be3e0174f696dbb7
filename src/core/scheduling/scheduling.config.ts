import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { defineConfig } from '../../config/config-section';
import { toBoolean, toInteger } from '../../config/env-transforms';

/** The engine's variables; `.env.example` documents the same list. */
class SchedulingEnvironment {
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULER_ENABLED = true;

  @IsOptional()
  @IsString()
  SCHEDULER_INSTANCE_ID?: string;

  @Transform(toInteger)
  @Min(1)
  @IsInt()
  SHUTDOWN_GRACE_SECONDS = 30;

  @Transform(toInteger)
  @Min(1)
  @IsInt()
  LOG_RETENTION_DAYS = 30;

  @Transform(toInteger)
  @Min(5)
  @IsInt()
  SCHEDULER_LEASE_SECONDS = 60;

  @Transform(toInteger)
  @Min(1)
  @IsInt()
  SCHEDULER_HEARTBEAT_SECONDS = 10;

  @Transform(toInteger)
  @Min(1)
  @Max(100_000)
  @IsInt()
  SCHEDULER_MAX_CONCURRENT_RUNS = 200;

  @Transform(toInteger)
  @Min(50)
  @Max(60_000)
  @IsInt()
  SCHEDULER_POLL_MS = 1000;

  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt()
  SCHEDULER_DISPATCH_BATCH = 500;

  @Transform(toInteger)
  @Min(0)
  @IsInt()
  SCHEDULER_LATE_TOLERANCE_SECONDS = 5;

  @Transform(toInteger)
  @Min(1)
  @Max(1000)
  @IsInt()
  SCHEDULER_RUN_ALL_LIMIT = 10;

  @Transform(toInteger)
  @Min(60)
  @IsInt()
  MIN_SYNC_INTERVAL_SECONDS = 3600;
}

export interface SchedulerSettings {
  enabled: boolean;
  instanceId: string;
  shutdownGraceMs: number;
  logRetentionDays: number;
  leaseMs: number;
  heartbeatMs: number;
  maxConcurrentRuns: number;
  pollMs: number;
  dispatchBatch: number;
  lateToleranceMs: number;
  runAllLimit: number;
  minSyncIntervalSeconds: number;
}

/** Unique per process, so two instances on one host never share an id. */
function generatedInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export const schedulingConfig = defineConfig(
  'scheduling',
  SchedulingEnvironment,
  (env): SchedulerSettings => ({
    enabled: env.SCHEDULER_ENABLED,
    instanceId: env.SCHEDULER_INSTANCE_ID ?? generatedInstanceId(),
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    logRetentionDays: env.LOG_RETENTION_DAYS,
    leaseMs: env.SCHEDULER_LEASE_SECONDS * 1000,
    heartbeatMs: env.SCHEDULER_HEARTBEAT_SECONDS * 1000,
    maxConcurrentRuns: env.SCHEDULER_MAX_CONCURRENT_RUNS,
    pollMs: env.SCHEDULER_POLL_MS,
    dispatchBatch: env.SCHEDULER_DISPATCH_BATCH,
    lateToleranceMs: env.SCHEDULER_LATE_TOLERANCE_SECONDS * 1000,
    runAllLimit: env.SCHEDULER_RUN_ALL_LIMIT,
    minSyncIntervalSeconds: env.MIN_SYNC_INTERVAL_SECONDS,
  }),
);
