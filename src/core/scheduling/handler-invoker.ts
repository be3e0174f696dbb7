import { Injectable, Logger } from '@nestjs/common';
import { JsonObject } from '../../infra/database/column-types';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskResult } from './declaration/task-handler';
import { ItemCounts, RunItemTracker, statusFromItems } from './run-items';
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
  /**
   * A thrown failure (or a timeout, an interruption) retries; so does a run whose items failed and
   * may succeed another time. Any other failure the handler returned does not.
   */
  retryable: boolean;
  items: ItemCounts | null;
  /** What the next attempt processes: the retryable failed items, or this run's own scope. */
  retryItems: string[] | null;
  idle: boolean;
}

/** What the runner hands the handler besides the task: its item tracker and, on a retry, its scope. */
export interface RunScope {
  items: RunItemTracker;
  retryItems: string[] | null;
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
    scope: RunScope,
  ): Promise<HandlerOutcome> {
    try {
      const result = await this.invokeWithTimeout(task, run, controller, scope);
      return outcomeOfResult(result || undefined, scope);
    } catch (error) {
      return {
        status: error instanceof AbortedRun ? error.status : 'failed',
        errorMessage: error instanceof Error ? error.message : String(error),
        details: null,
        retryable: true,
        items: scope.items.itemCounts(),
        retryItems: scope.retryItems,
        idle: false,
      };
    }
  }

  private async invokeWithTimeout(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    controller: AbortController,
    scope: RunScope,
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
      items: scope.items,
      retryItems: scope.retryItems,
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

/** A returned result, with the items the handler reported, as the run's outcome. */
export function outcomeOfResult(result: TaskResult | undefined, scope: RunScope): HandlerOutcome {
  const items = scope.items.itemCounts();
  const status = statusFromItems(result?.status, items);
  const itemsFailed = status !== 'skipped' && (items?.failed ?? 0) > 0;
  const failures = itemsFailed ? scope.items.retryableFailures() : [];
  return {
    status,
    errorMessage:
      status === 'completed'
        ? null
        : (result?.message ??
          (itemsFailed ? `${items?.failed} of ${items?.total} items failed` : null)),
    details: result
      ? { ...(result.stats ?? {}), ...(result.message ? { message: result.message } : {}) }
      : null,
    retryable: failures.length > 0,
    items,
    retryItems: itemsFailed ? failures : scope.retryItems,
    idle: result?.idle === true,
  };
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
