/**
 * A finsync instance (the production app, createApp) in a process of its own, so that a test can
 * kill it for real (SIGKILL): configured by its environment, it boots, says `ready`, and runs
 * code-declared tasks when told to.
 */
import 'reflect-metadata';
import type { AppProcessCommand, AppProcessMessage } from './app-process.messages';

function tell(message: AppProcessMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [{ createApp }, { AppConfig }, { validateEnvironment }, { TaskCommands }] =
    await Promise.all([
      import('../../../src/bootstrap'),
      import('../../../src/config/app-config'),
      import('../../../src/config/load-config'),
      import('../../../src/core/scheduling/task-commands'),
    ]);
  const app = await createApp(new AppConfig(validateEnvironment({ ...process.env })));
  await app.init();
  process.on('message', (command: AppProcessCommand) => {
    app
      .get(TaskCommands)
      .runCodeTaskNow(command.key)
      .then((result) => {
        if (result.status !== 'started') throw new Error(`run of ${command.key} was buffered`);
        tell({ kind: 'run-started', runId: result.runId });
      })
      .catch((error: unknown) => tell({ kind: 'failed', message: (error as Error).message }));
  });
  tell({ kind: 'ready' });
}

main().catch((error: unknown) => {
  tell({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
