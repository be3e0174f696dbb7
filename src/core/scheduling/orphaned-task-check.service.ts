import { Injectable, Logger } from '@nestjs/common';
import { Clock } from './clock';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { TaskSettingsStore } from './store/task-settings.store';

/** Active API-created tasks whose task_type no code declares; the message says how to get out. */
export class UnhandledTasksError extends Error {}

/**
 * Task rows whose handler is gone from code, checked at boot.
 *
 * A code-declared task whose key no code declares any more (the job was deleted or renamed) is
 * disabled and reported, its history kept: removing a job must not keep the next release from
 * booting. Declaring the key again brings it back (re-enabled from code unless an operator edited
 * it).
 *
 * An enabled, unpaused API-created task whose task_type names no handler would fail at every fire,
 * unnoticed. That fails the boot with the task types and the way out, except on an instance with
 * the scheduler off (SCHEDULER_ENABLED=false), which only reports it: such an instance serves the
 * API through which those tasks can be paused, deleted or retyped.
 */
@Injectable()
export class OrphanedTaskCheck {
  private readonly logger = new Logger('OrphanedTaskCheck');

  constructor(
    private readonly handlers: TaskHandlerRegistry,
    private readonly store: TaskSettingsStore,
    private readonly clock: Clock,
  ) {}

  async check(options: { failOnActiveUnhandledTasks: boolean }): Promise<void> {
    const keys = this.handlers.keys();
    await this.retireUndeclaredCodeTasks(keys);
    const unhandled = await this.describeUnhandledApiTasks(keys);
    if (!unhandled) return;
    if (options.failOnActiveUnhandledTasks) throw new UnhandledTasksError(unhandled);
    this.logger.error(unhandled);
  }

  private async retireUndeclaredCodeTasks(keys: string[]): Promise<void> {
    const undeclared = await this.store.findCodeTasksNotIn(keys);
    for (const task of undeclared) {
      if (task.enabled || task.nextRun) {
        task.enabled = false;
        task.nextRun = null;
        task.version += 1;
        task.updatedAt = this.clock.now();
        await this.store.saveSettings(task, { retimed: true });
      }
      this.logger.warn(
        `Code-declared task ${task.codeKey} (${task.id}) is no longer declared in code: disabled, its run history kept. Declaring ${task.codeKey} again brings it back.`,
      );
    }
  }

  private async describeUnhandledApiTasks(keys: string[]): Promise<string | null> {
    const types = await this.store.countActiveApiTasksOutside(keys);
    if (types.length === 0) return null;
    const lines = types.map(
      ({ taskType, tasks, example }) => `  - ${taskType}: ${tasks} task(s), e.g. ${example}`,
    );
    return [
      'Active scheduled tasks name a task_type that no handler declares, so every fire would fail:',
      ...lines,
      'Restore the handler, or pause, delete or retype these tasks (POST /api/v1/scheduled-tasks/{id}/pause, ' +
        'DELETE /api/v1/scheduled-tasks/{id}, PATCH task_type) through an instance that still has the handler ' +
        'or one started with SCHEDULER_ENABLED=false, which boots and only reports this.',
    ].join('\n');
  }
}
