import type { RegisteredHandler, TaskHandlerRegistry } from './task-handler-registry.service';
import type { TaskCleanupStore } from './store/task-cleanup.store';
import type { RunLedgerStore } from './store/run-ledger.store';
import type { TaskCommands } from './task-commands';
import { TaskCleanup } from './task-cleanup.service';

function handler(key: string, source?: { table: string; column: string }): RegisteredHandler {
  return {
    key,
    source: `X.${key}`,
    options: { key, source },
    schedule: null,
    enabled: true,
  } as RegisteredHandler;
}

function cleanupWith(store: Partial<TaskCleanupStore>, handlers: RegisteredHandler[] = []) {
  const deletedRuns: string[] = [];
  const commands = { tasksChanged: jest.fn() };
  const cleanup = new TaskCleanup(
    {
      findFailedOneOffTasks: async () => [],
      findOrphanedTasks: async () => [],
      deleteIdleTask: async () => true,
      ...store,
    } as TaskCleanupStore,
    { deleteRunsOfTask: async (id: string) => void deletedRuns.push(id) } as RunLedgerStore,
    { all: () => handlers } as TaskHandlerRegistry,
    commands as unknown as TaskCommands,
  );
  return { cleanup, deletedRuns, commands };
}

describe('TaskCleanup', () => {
  const before = new Date('2026-11-04T00:00:00Z');

  it('asks only task types that declare a source about orphans', async () => {
    const asked: string[] = [];
    const { cleanup } = cleanupWith(
      {
        findOrphanedTasks: async (taskType, source) => {
          asked.push(`${taskType}:${source.table}.${source.column}`);
          return [];
        },
      },
      [
        handler('a.plain'),
        handler('b.per-connection', { table: 'bank_connections', column: 'id' }),
      ],
    );

    expect(await cleanup.run(before)).toEqual({
      failedOneOff: 0,
      orphaned: { 'b.per-connection': 0 },
    });
    expect(asked).toEqual(['b.per-connection:bank_connections.id']);
  });

  it('keeps reading while batches come back full, and counts only tasks that went', async () => {
    const batches = [Array.from({ length: 500 }, (_, i) => `t${i}`), ['last', 'started-meanwhile']];
    const { cleanup, deletedRuns, commands } = cleanupWith({
      findFailedOneOffTasks: async () => batches.shift() ?? [],
      deleteIdleTask: async (id) => id !== 'started-meanwhile',
    });

    const stats = await cleanup.run(before);

    expect(stats.failedOneOff).toBe(501);
    expect(deletedRuns).toHaveLength(501);
    expect(deletedRuns).not.toContain('started-meanwhile');
    expect(commands.tasksChanged).toHaveBeenCalledTimes(1);
  });

  it('tells nobody when nothing went, and reads nothing once aborted', async () => {
    const find = jest.fn(async () => ['x']);
    const { cleanup, commands } = cleanupWith({ findFailedOneOffTasks: find });
    const controller = new AbortController();
    controller.abort();

    expect(await cleanup.run(before, controller.signal)).toEqual({ failedOneOff: 0, orphaned: {} });
    expect(find).not.toHaveBeenCalled();
    expect(commands.tasksChanged).not.toHaveBeenCalled();
  });
});
