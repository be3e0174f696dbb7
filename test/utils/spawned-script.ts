import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface ScriptResult {
  code: number | null;
  /** The signal that ended it: Nest's shutdown hooks re-raise the one they handled. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A TypeScript entry point (`src/main.ts`, `scripts/task.ts`) run as the npm scripts run it
 * (ts-node, transpile only), with pipes, not a terminal: what an operator's log collector sees.
 */
export class SpawnedScript {
  readonly exited: Promise<ScriptResult>;
  stdout = '';
  stderr = '';
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  constructor(script: string, args: string[], env: Record<string, string | undefined>) {
    this.child = spawn(
      process.execPath,
      ['-r', require.resolve('ts-node/register/transpile-only'), join(ROOT, script), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout?.on('data', (chunk: Buffer) => this.received('stdout', chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.received('stderr', chunk));
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code, signal) => {
        for (const wake of this.waiters) wake();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves once stdout + stderr match; fails when the process exits first or on timeout. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = (this.stdout + this.stderr).match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`exited before printing ${pattern}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 200);
        this.waiters.add(wake);
      });
    }
  }

  signal(name: NodeJS.Signals): void {
    if (this.child.exitCode === null) this.child.kill(name);
  }

  private received(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    this[stream] += chunk.toString();
    for (const wake of this.waiters) wake();
  }
}

/** Runs a script to its end. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<ScriptResult> {
  return new SpawnedScript(script, args, env).exited;
}
