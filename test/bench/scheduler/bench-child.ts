import { ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ChildFailed, HarnessCommand } from './worker-messages';

export interface BenchChildOptions {
  label: string;
  /** A JavaScript or (with ts-node in execArgv) TypeScript file. */
  script: string;
  execArgv: string[];
  env: Record<string, string>;
  /** The child's stdout and stderr go here (finsync logs JSON lines). */
  logFile: string;
  /** Writes a V8 CPU profile of the child into this directory when it exits. */
  cpuProfileDir?: string;
}

type Waiter<M> = {
  kind: string;
  resolve: (message: M) => void;
  reject: (error: Error) => void;
};

/** A forked TypeScript child (through ts-node) with typed messages and "wait until it says X". */
export class BenchChild<
  Message extends { kind: string },
  Command extends { kind: string } = HarnessCommand,
> {
  readonly label: string;
  readonly forkedAt = Date.now();
  readonly exited: Promise<number | null>;
  private readonly process: ChildProcess;
  private readonly messages: Message[] = [];
  private readonly waiters = new Set<Waiter<Message>>();
  private exitCode: number | null | undefined;

  constructor(private readonly options: BenchChildOptions) {
    this.label = options.label;
    const log = openSync(options.logFile, 'a');
    this.process = fork(options.script, [], {
      execArgv: [
        ...options.execArgv,
        ...(options.cpuProfileDir
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${options.cpuProfileDir}`,
              `--cpu-prof-name=${options.label}.cpuprofile`,
            ]
          : []),
      ],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.process.on('message', (message) => this.accept(message as Message));
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code) => {
        this.exitCode = code;
        for (const waiter of this.waiters)
          waiter.reject(
            new Error(
              `${this.label} exited (code ${code}) before "${waiter.kind}"; see ${options.logFile}`,
            ),
          );
        this.waiters.clear();
        resolve(code);
      });
    });
  }

  get pid(): number {
    return this.process.pid as number;
  }

  send(command: Command): void {
    if (this.exitCode === undefined) this.process.send(command);
  }

  /** The first message of `kind` received so far, if any. */
  received<K extends Message['kind']>(kind: K): Extract<Message, { kind: K }> | undefined {
    return this.messages.find((message) => message.kind === kind) as
      Extract<Message, { kind: K }> | undefined;
  }

  /** Resolves with the first message of `kind` (already received or still to come). */
  waitFor<K extends Message['kind']>(
    kind: K,
    timeoutMs: number,
  ): Promise<Extract<Message, { kind: K }>> {
    type Wanted = Extract<Message, { kind: K }>;
    const known = this.received(kind);
    if (known) return Promise.resolve(known);
    if (this.exitCode !== undefined)
      return Promise.reject(new Error(`${this.label} already exited (code ${this.exitCode})`));
    return new Promise<Wanted>((resolve, reject) => {
      const waiter: Waiter<Message> = {
        kind,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as Wanted);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `${this.label}: no "${kind}" within ${timeoutMs} ms; see ${this.options.logFile}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Asks the child to stop, and kills it if it has not exited after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.send({ kind: 'stop' } as Command);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private accept(message: Message): void {
    if (isFailure(message)) {
      const error = new Error(`${this.label} failed: ${message.message}`);
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters.clear();
    }
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.kind === message.kind) {
        this.waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }
}

function isFailure(message: { kind: string }): message is ChildFailed {
  return message.kind === 'failed';
}
