import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from './clock';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { RunRefusedError, TaskNotFoundError } from './scheduling.errors';
import { SchedulingEvents } from './scheduling.events';
import { RunStatus } from './scheduling.types';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { TaskRunner } from './task-runner.service';
import { TaskSettingsStore } from './store/task-settings.store';
import { nextRunOf } from './task-schedule';

export type RunNowResult =
  | { status: 'started'; runId: string; done: Promise<RunStatus> }
  | { status: 'buffered'; runId: null };

/**
 * What the engine does when operators act on a task; the operator side (API, CLI) validates and
 * saves settings, and calls these for the engine's part.
 */
@Injectable()
export class TaskCommands {
  constructor(
    private readonly handlers: TaskHandlerRegistry,
    private readonly runner: TaskRunner,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
    private readonly settings: TaskSettingsStore,
  ) {}

  /** A feature's "run it now" of one of its code-declared jobs (e.g. the import trigger route). */
  async runCodeTaskNow(key: string): Promise<RunNowResult> {
    const task = await this.settings.findTaskByCodeKey(key);
    if (!task) throw TaskNotFoundError.withIdOrKey(key);
    return this.runNow(task);
  }

  /**
   * Runs the task now through the runner, whatever SCHEDULER_ENABLED says. RunRefusedError when
   * no handler is registered for its type, when the overlap policy refuses (a run is in progress),
   * or when this instance is shutting down; `buffered` when buffer_one holds it for after the run.
   */
  async runNow(task: ScheduledTaskEntity): Promise<RunNowResult> {
    if (!this.handlers.get(task.taskType))
      throw new RunRefusedError(
        'no_handler',
        `No handler is registered for task_type ${task.taskType}`,
      );
    const result = await this.runner.start(task, this.clock.now(), 'manual');
    if (result.started) return { status: 'started', runId: result.runId, done: result.done };
    if (result.reason === 'buffered') return { status: 'buffered', runId: null };
    if (result.reason === 'shutting_down')
      throw new RunRefusedError('shutting_down', 'This instance is shutting down');
    throw new RunRefusedError(
      'overlap',
      `Task ${task.name} is already running and its overlap policy is ${task.overlapPolicy}`,
    );
  }

  /**
   * Sets next_run for a new task, or after an edit of its schedule, `enabled` or `paused`: the
   * first fire after `now`, or null while the task cannot fire. Fires that fell while it was paused are not caught up. A
   * pending retry and a buffered scheduled fire of a paused or disabled task are dropped when the
   * engine reaches them (a buffered run-now still runs).
   */
  retime(task: ScheduledTaskEntity, now = this.clock.now()): void {
    task.nextRun = nextRunOf(task, now);
  }

  /** Tasks changed on this instance: the dispatcher looks again now instead of at its next poll. */
  tasksChanged(): void {
    this.events.emit(SchedulingEvents.tasksChanged);
  }
}
