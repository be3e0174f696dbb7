import { randomUUID } from 'node:crypto';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';

/**
 * An API task row as the operator service would insert it: `test.probe` every hour, default
 * policies, enabled, never run. `overrides` set any column.
 */
export function taskRow(overrides: Partial<ScheduledTaskEntity> = {}): ScheduledTaskEntity {
  const created = new Date('2026-01-01T00:00:00.000Z');
  return Object.assign(new ScheduledTaskEntity(), {
    id: randomUUID(),
    taskType: 'test.probe',
    sourceId: null,
    codeKey: null,
    origin: 'api',
    name: 'probe',
    description: null,
    scheduleType: 'interval',
    cronExpression: null,
    intervalSeconds: 3600,
    anchorAt: created,
    runAt: null,
    timezone: 'UTC',
    enabled: true,
    paused: false,
    payload: null,
    overlapPolicy: 'skip',
    misfirePolicy: 'run_once',
    misfireGraceSeconds: 3600,
    maxRetries: 3,
    retryDelaySeconds: 300,
    timeoutSeconds: null,
    status: 'pending',
    lastRun: null,
    nextRun: null,
    errorMessage: null,
    retryAt: null,
    retryScheduledFor: null,
    retryAttempt: null,
    bufferedFor: null,
    bufferedTrigger: null,
    operatorModified: false,
    version: 1,
    createdAt: created,
    updatedAt: created,
    ...overrides,
  } satisfies ScheduledTaskEntity);
}
