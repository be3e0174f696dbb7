import { DomainError } from '../errors/domain-error';

/** No task has this id (or, for the CLI, this code key). */
export class TaskNotFoundError extends DomainError {
  readonly kind = 'not_found';

  static withId(id: string): TaskNotFoundError {
    return new TaskNotFoundError(`Scheduled task ${id} not found`);
  }

  static withKey(key: string): TaskNotFoundError {
    return new TaskNotFoundError(`No scheduled task with key ${key}`);
  }

  static withIdOrKey(idOrKey: string): TaskNotFoundError {
    return new TaskNotFoundError(`No scheduled task with id or key ${idOrKey}`);
  }
}

/** No run has this id. */
export class RunNotFoundError extends DomainError {
  readonly kind = 'not_found';

  constructor(id: string) {
    super(`Task run ${id} not found`);
  }
}

/** A task definition, change or schedule that cannot be accepted; the message names every problem. */
export class InvalidTaskError extends DomainError {
  readonly kind = 'invalid';

  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export type RunRefusal = 'no_handler' | 'overlap' | 'shutting_down';

/** A run the engine will not start now: no handler for the type, the overlap policy, a stopping instance. */
export class RunRefusedError extends DomainError {
  readonly kind = 'conflict';

  constructor(
    readonly reason: RunRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** A change the task's origin forbids, e.g. deleting a task declared in code. */
export class TaskChangeRefusedError extends DomainError {
  readonly kind = 'conflict';
}
