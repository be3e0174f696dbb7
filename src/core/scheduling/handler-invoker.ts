import { Injectable, Logger } from '@nestjs/common';
import { JsonObject } from '../../infra/database/column-types';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskResult } from './declaration/task-handler';
import { RunStartedEvent } from './scheduling.events';
import { RunStatus } from './scheduling.types';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { checkTaskPayload } from './task-payload';
import { TaskRun } from './task-run';

/** How a handler's run ended. */
export interface HandlerOutcome {
  status: RunStatus;
  errorMessage: string | null;
  details: JsonObject | null;
  /** A thrown failure (or a timeout, an interruption) retries; a failure the handler returned does not. */
  retryable: boolean;
}

/** The reason a run's signal aborts with: its timeout, or the instance shutting down. */
export class AbortedRun extends Error {
  constructor(
    readonly status: 'timed_out' | 'interrupted',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the task's handler for one run: checks the stored payload, hands over the run's context
 * and abort signal, aborts the signal when the timeout (the task's, else the handler's) passes,
 * and turns whatever happens into an outcome. Never throws.
 */
@Injectable()
export class HandlerInvoker {
  constructor(private readonly handlers: TaskHandlerRegistry) {}

  async invoke(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    controller: AbortController,
  ): Promise<HandlerOutcome> {
    try {
      const result = await this.invokeWithTimeout(task, run, controller);
      const status =
        result?.status === 'failed'
          ? 'failed'
          : result?.status === 'skipped'
            ? 'skipped'
            : 'completed';
      return {
        status,
        errorMessage: status === 'completed' ? null : (result?.message ?? null),
        details: result
          ? { ...(result.stats ?? {}), ...(result.message ? { message: result.message } : {}) }
          : null,
        retryable: false,
      };
    } catch (error) {
      return {
        status: error instanceof AbortedRun ? error.status : 'failed',
        errorMessage: error instanceof Error ? error.message : String(error),
        details: null,
        retryable: true,
      };
    }
  }

  private async invokeWithTimeout(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    controller: AbortController,
  ): Promise<TaskResult | void> {
    const handler = this.handlers.get(task.taskType);
    if (!handler) throw new Error(`No handler is registered for task_type ${task.taskType}`);
    const { payload, problems } = await checkTaskPayload(handler.options.payload, task.payload);
    if (problems.length > 0) throw new Error(`Invalid payload: ${problems.join('; ')}`);
    const context: TaskRun = {
      runId: run.runId,
      taskId: task.id,
      taskType: task.taskType,
      sourceId: task.sourceId,
      scheduledFor: run.scheduledFor,
      trigger: run.trigger,
      attempt: run.attempt,
      payload,
      signal: controller.signal,
      logger: new Logger(`Task ${task.taskType}`),
    };
    const timeoutSeconds = task.timeoutSeconds ?? handler.options.timeoutSeconds;
    const timer = timeoutSeconds
      ? setTimeout(
          () =>
            controller.abort(
              new AbortedRun('timed_out', `Run exceeded its ${timeoutSeconds}s timeout`),
            ),
          timeoutSeconds * 1000,
        )
      : undefined;
    try {
      // A handler that ignores its signal still loses the race: the run is recorded as aborted.
      return await Promise.race([handler.invoke(context), abortion(controller.signal)]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void =>
      reject(
        signal.reason instanceof Error
          ? signal.reason
          : new AbortedRun('interrupted', 'Run aborted'),
      );
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
