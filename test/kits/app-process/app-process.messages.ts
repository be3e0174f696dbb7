/** What the test says to a finsync instance running in a child process, and what it answers. */
export type AppProcessCommand = { kind: 'run-code-task'; key: string };

export type AppProcessMessage =
  { kind: 'ready' } | { kind: 'run-started'; runId: string } | { kind: 'failed'; message: string };
