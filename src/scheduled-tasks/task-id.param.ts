import {
  applyDecorators,
  BadRequestException,
  Injectable,
  Param,
  PipeTransform,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isAddressableKey, looksLikeUuid } from '../core/scheduling/declaration/task-key';
import { TaskNotFoundError } from '../core/scheduling/scheduling.errors';
import { TaskSettingsStore } from '../core/scheduling/store/task-settings.store';

/** Matches the code_key column. */
const MAX_KEY_LENGTH = 100;

/**
 * The `{id}` path segment: a task's UUID, or the key of a code-declared task
 * (`tink.sync-connections`), resolved to its id. Keys are unique (a unique index) and never
 * UUID-shaped (the declaration rules), so a segment names at most one task. 400 for anything else,
 * 404 naming the key when no task has it; an unknown UUID is the handler's 404.
 */
@Injectable()
export class TaskRefPipe implements PipeTransform<unknown, Promise<string>> {
  constructor(private readonly settings: TaskSettingsStore) {}

  async transform(value: unknown): Promise<string> {
    if (typeof value !== 'string') throw invalid();
    if (looksLikeUuid(value)) return value.toLowerCase();
    if (value.length > MAX_KEY_LENGTH || !isAddressableKey(value)) throw invalid();
    const task = await this.settings.findTaskByCodeKey(value);
    if (!task) throw TaskNotFoundError.withKey(value);
    return task.id;
  }
}

function invalid(): BadRequestException {
  return new BadRequestException('id must be a task UUID or a task key');
}

/** The `{id}` path segment as a task id: a UUID, or a task key resolved to its id. */
export const TaskIdParam = (): ParameterDecorator => Param('id', TaskRefPipe);

export const ApiTaskIdParam = (): MethodDecorator =>
  applyDecorators(
    ApiParam({
      name: 'id',
      schema: { type: 'string', maxLength: 100 },
      examples: {
        id: { summary: 'Task id', value: '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93' },
        key: { summary: 'Key of a code-declared task', value: 'tink.sync-connections' },
      },
      description:
        'The task id (UUID), or the key of a code-declared task (e.g. `tink.sync-connections`).',
    }),
  );
