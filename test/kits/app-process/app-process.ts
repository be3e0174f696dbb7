import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { AppProcessCommand, AppProcessMessage } from './app-process.messages';

type Kind = AppProcessMessage['kind'];

/**
 * The test's handle on a finsync instance in a child process (ts-node, transpile only): start it
 * with its environment, wait for what it says, kill it with SIGKILL like a crashed host would.
 */
export class AppProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly received: AppProcessMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private output = '';

  constructor(env: Record<string, string>) {
    this.child = fork(join(__dirname, 'app-process.child.ts'), [], {
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('message', (message: AppProcessMessage) => {
      this.received.push(message);
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
    void this.exited.then(() => {
      for (const wake of this.waiters) wake();
    });
  }

  send(command: AppProcessCommand): void {
    this.child.send(command);
  }

  /** The first message of `kind`; fails on `failed`, on exit, or after `timeoutMs`. */
  async waitFor<K extends Kind>(
    kind: K,
    timeoutMs: number,
  ): Promise<Extract<AppProcessMessage, { kind: K }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failure = this.received.find((message) => message.kind === 'failed');
      if (failure?.kind === 'failed') throw new Error(`instance failed: ${failure.message}`);
      const found = this.received.find((message) => message.kind === kind);
      if (found) return found as Extract<AppProcessMessage, { kind: K }>;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`instance exited before "${kind}":\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`instance said no "${kind}" within ${timeoutMs} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, deadline - Date.now()) + 1);
        this.waiters.add(wake);
      });
    }
  }

  /** `kill -9`: no shutdown hook, no last heartbeat, no lease given back. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
